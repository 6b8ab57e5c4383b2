//! Value types of the gateway's tables that are not plain strings: `Number`
//! (amounts and counts, kept exact) and `Date` (`yyyy-MM-dd HH:mm:ss`).
//!
//! Both keep the gateway's text as it is, so signing and sending them is
//! exact: a `Number` is never an `f64`, `0.10` stays `0.10`.

use std::fmt;
use std::str::FromStr;

/// A value that is not of its table type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseValueError {
    /// What was expected: `Number` or `Date`.
    pub expected: &'static str,
    /// The text received.
    pub value: String,
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.expected {
            "Date" => write!(f, "`{}` is not a Date (yyyy-MM-dd HH:mm:ss)", self.value),
            expected => write!(f, "`{}` is not a {expected}", self.value),
        }
    }
}

impl std::error::Error for ParseValueError {}

/// An exact decimal number as the gateway writes it: an optional `-`, digits,
/// and optionally `.` and more digits (`100`, `0.01`, `-3.50`).
///
/// ```
/// use alipay_mapi_runtime::types::Number;
/// let price: Number = "0.10".parse().unwrap();
/// assert_eq!(price.as_str(), "0.10");
/// assert!("1e5".parse::<Number>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(String);

impl Number {
    /// The number as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Number {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if all_digits(int) && frac.is_none_or(all_digits) {
            Ok(Number(s.to_owned()))
        } else {
            Err(ParseValueError {
                expected: "Number",
                value: s.to_owned(),
            })
        }
    }
}

macro_rules! integer_conversions {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Self {
                Number(n.to_string())
            }
        }
    )*};
}
integer_conversions!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// A time as the gateway writes it: `yyyy-MM-dd HH:mm:ss` (Beijing time; the
/// gateway sends no zone).
///
/// ```
/// use alipay_mapi_runtime::types::Date;
/// let d: Date = "2011-10-07 09:30:00".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2011, 10, 7));
/// assert!("2011-13-07 09:30:00".parse::<Date>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(String);

impl Date {
    /// The date as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn field(&self, range: std::ops::Range<usize>) -> u32 {
        self.0
            .get(range)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default()
    }

    /// The year.
    pub fn year(&self) -> u32 {
        self.field(0..4)
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        self.field(5..7)
    }
    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u32 {
        self.field(8..10)
    }
    /// The hour, 0 to 23.
    pub fn hour(&self) -> u32 {
        self.field(11..13)
    }
    /// The minute.
    pub fn minute(&self) -> u32 {
        self.field(14..16)
    }
    /// The second.
    pub fn second(&self) -> u32 {
        self.field(17..19)
    }
}

impl FromStr for Date {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape_ok = s.len() == 19
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b' ',
                13 | 16 => b == b':',
                _ => b.is_ascii_digit(),
            });
        let date = Date(s.to_owned());
        let leap = |y: u32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days_in_month = match date.month() {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap(date.year()) => 29,
            2 => 28,
            _ => 0,
        };
        if shape_ok
            && (1..=days_in_month).contains(&date.day())
            && date.hour() < 24
            && date.minute() < 60
            && date.second() < 60
        {
            Ok(date)
        } else {
            Err(ParseValueError {
                expected: "Date",
                value: s.to_owned(),
            })
        }
    }
}

macro_rules! text_value {
    ($($t:ident),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<&str> for $t {
            type Error = ParseValueError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
text_value!(Number, Date);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for ok in ["0", "100", "0.01", "-3.50", "007"] {
            assert_eq!(ok.parse::<Number>().unwrap().as_str(), ok);
        }
        for bad in [
            "", "-", ".5", "5.", "1e5", "1,000", " 1", "NaN", "+1", "1.2.3",
        ] {
            assert!(bad.parse::<Number>().is_err(), "{bad}");
        }
        assert_eq!(Number::from(42u32).as_str(), "42");
    }

    #[test]
    fn dates() {
        assert!("2024-02-29 23:59:59".parse::<Date>().is_ok());
        for bad in [
            "2023-02-29 00:00:00",
            "2011-10-07",
            "2011-10-07T09:30:00",
            "2011-10-32 00:00:00",
            "2011-10-07 24:00:00",
            "2011-10-07 09:60:00",
            "２011-10-07 09:30:00",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }
}
