//! A table of typed columns: what every export format writes.

use rust_decimal::Decimal;

/// Decimals every exact column keeps (`DECIMAL(38, 10)`): ten places below
/// the unit hold any value a report prints, with 28 digits before them.
pub const DECIMAL_SCALE: u32 = 10;

/// Digits of an exact column in all (the most a 128-bit decimal holds).
pub const DECIMAL_PRECISION: u8 = 38;

/// The type of a column, the same in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer: years, pages, lines, indices, counts.
    Int,
    /// True or false.
    Bool,
    /// An exact decimal with [`DECIMAL_SCALE`] places: values and amounts.
    Decimal,
}

impl Type {
    /// The type as the docs and `--help` name it.
    pub fn name(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Int => "int64",
            Type::Bool => "bool",
            Type::Decimal => "decimal(38,10)",
        }
    }
}

/// One cell of a row; `None` is null.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A text cell.
    Text(Option<String>),
    /// An integer cell.
    Int(Option<i64>),
    /// A boolean cell.
    Bool(Option<bool>),
    /// An exact cell.
    Decimal(Option<Decimal>),
}

impl Value {
    /// The column type the value belongs in.
    pub fn kind(&self) -> Type {
        match self {
            Value::Text(_) => Type::Text,
            Value::Int(_) => Type::Int,
            Value::Bool(_) => Type::Bool,
            Value::Decimal(_) => Type::Decimal,
        }
    }

    /// The cell as CSV writes it: empty for null, decimals as their exact
    /// digits (`46.0`, `48551000`), booleans as `true`/`false`.
    pub fn to_csv(&self) -> String {
        match self {
            Value::Text(v) => v.clone().unwrap_or_default(),
            Value::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Value::Bool(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Value::Decimal(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

/// Text cell from anything textual; an empty text is null, in every
/// format alike (CSV cannot tell the two apart).
pub fn text(value: impl Into<String>) -> Value {
    let value = value.into();
    Value::Text((!value.is_empty()).then_some(value))
}

/// Text cell that may be null; an empty text is null.
pub fn opt_text<S: AsRef<str>>(value: Option<S>) -> Value {
    Value::Text(
        value
            .map(|v| v.as_ref().to_owned())
            .filter(|v| !v.is_empty()),
    )
}

/// Integer cell from any integer that fits (indices, lines, years, pages).
pub fn int<I: TryInto<i64>>(value: I) -> Value {
    Value::Int(value.try_into().ok())
}

/// Integer cell that may be null.
pub fn opt_int<I: TryInto<i64>>(value: Option<I>) -> Value {
    Value::Int(value.and_then(|v| v.try_into().ok()))
}

/// The name and type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name, snake_case.
    pub name: &'static str,
    /// Its type.
    pub kind: Type,
}

/// A table of one entity: its columns and a run of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The entity, which names the file (`observations`).
    pub name: &'static str,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The rows; each has one value per column, of the column's type.
    pub rows: Vec<Vec<Value>>,
}

impl Frame {
    /// An empty frame.
    pub fn new(name: &'static str, columns: Vec<Column>) -> Frame {
        Frame {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    ///
    /// # Panics
    /// When the row does not match the columns: a bug in the entity's
    /// code, which the tests of every entity would show.
    pub fn push(&mut self, row: Vec<Value>) {
        assert_eq!(row.len(), self.columns.len(), "{}: row width", self.name);
        for (value, column) in row.iter().zip(&self.columns) {
            assert_eq!(
                value.kind(),
                column.kind,
                "{}.{}: type",
                self.name,
                column.name
            );
        }
        self.rows.push(row);
    }

    /// The values of one column, top to bottom.
    pub fn column(&self, index: usize) -> impl Iterator<Item = &Value> {
        self.rows.iter().map(move |row| &row[index])
    }
}

/// A decimal at the export's scale, or `None` when it does not fit
/// [`DECIMAL_PRECISION`] digits with [`DECIMAL_SCALE`] places exactly.
pub fn scaled_mantissa(value: Decimal) -> Option<i128> {
    if value.scale() > DECIMAL_SCALE {
        return None;
    }
    let factor = 10i128.pow(DECIMAL_SCALE - value.scale());
    let mantissa = value.mantissa().checked_mul(factor)?;
    (mantissa.unsigned_abs() < 10u128.pow(u32::from(DECIMAL_PRECISION))).then_some(mantissa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mantissas_are_exact_or_none() {
        assert_eq!(scaled_mantissa(Decimal::new(460, 1)), Some(460_000_000_000));
        assert_eq!(
            scaled_mantissa(Decimal::new(-48_551_000, 0)),
            Some(-485_510_000_000_000_000)
        );
        assert_eq!(scaled_mantissa(Decimal::new(1, 11)), None, "11 places");
    }

    #[test]
    #[should_panic(expected = "t.a: type")]
    fn a_mistyped_row_is_a_bug() {
        let columns = vec![Column {
            name: "a",
            kind: Type::Int,
        }];
        Frame::new("t", columns).push(vec![text("x")]);
    }
}
