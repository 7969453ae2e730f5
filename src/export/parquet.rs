//! Frames as Parquet, through arrow: strings, nullable 64-bit integers,
//! booleans and exact `DECIMAL(38, 10)` columns, Snappy-compressed.

use super::Sink;
use super::frame::{Column, DECIMAL_PRECISION, DECIMAL_SCALE, Frame, Type, Value, scaled_mantissa};
use arrow_array::{ArrayRef, BooleanArray, Decimal128Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};
use std::sync::Arc;

/// Writes frames of one entity into one Parquet file.
pub struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
}

impl<W: Write + Send> ParquetSink<W> {
    /// A Parquet file of the given columns on `out`.
    pub fn new(out: W, columns: &[Column]) -> io::Result<ParquetSink<W>> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|c| Field::new(c.name, data_type(c.kind), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))
            .map_err(io::Error::other)?;
        Ok(ParquetSink { writer, schema })
    }
}

/// The arrow type of a column type.
fn data_type(kind: Type) -> DataType {
    match kind {
        Type::Text => DataType::Utf8,
        Type::Int => DataType::Int64,
        Type::Bool => DataType::Boolean,
        Type::Decimal => DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE as i8),
    }
}

/// One column of a frame as an arrow array.
fn array(frame: &Frame, index: usize) -> io::Result<ArrayRef> {
    let values = frame.column(index);
    Ok(match frame.columns[index].kind {
        Type::Text => Arc::new(StringArray::from_iter(values.map(|v| match v {
            Value::Text(t) => t.as_deref(),
            _ => None,
        }))),
        Type::Int => Arc::new(Int64Array::from_iter(values.map(|v| match v {
            Value::Int(i) => *i,
            _ => None,
        }))),
        Type::Bool => Arc::new(BooleanArray::from_iter(values.map(|v| match v {
            Value::Bool(b) => *b,
            _ => None,
        }))),
        Type::Decimal => Arc::new(
            Decimal128Array::from_iter(values.map(|v| match v {
                Value::Decimal(d) => d.and_then(scaled_mantissa),
                _ => None,
            }))
            .with_precision_and_scale(DECIMAL_PRECISION, DECIMAL_SCALE as i8)
            .map_err(io::Error::other)?,
        ),
    })
}

impl<W: Write + Send> Sink for ParquetSink<W> {
    fn write(&mut self, frame: &Frame) -> io::Result<()> {
        if frame.rows.is_empty() {
            return Ok(());
        }
        let arrays = (0..frame.columns.len())
            .map(|i| array(frame, i))
            .collect::<io::Result<Vec<_>>>()?;
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io::Error::other)?;
        self.writer.write(&batch).map_err(parquet_io_error)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let mut out = self.writer.into_inner().map_err(parquet_io_error)?;
        out.flush()
    }
}

/// The I/O error inside a Parquet error, so a full disk stays one.
fn parquet_io_error(error: parquet::errors::ParquetError) -> io::Error {
    match error {
        parquet::errors::ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => *io,
            Err(other) => io::Error::other(other),
        },
        other => io::Error::other(other),
    }
}
