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
/// It keeps the text it was given (what is signed and sent), and compares,
/// orders and hashes by value: `0.01 == 0.010`, `-0 == 0`.
///
/// ```
/// use alipay_mapi_runtime::types::Number;
/// let price: Number = "0.10".parse().unwrap();
/// assert_eq!(price.as_str(), "0.10");
/// assert_eq!(price, "0.1".parse().unwrap());
/// assert!(price < "0.11".parse().unwrap());
/// assert_eq!(price.to_cents(), Ok(10));
/// assert_eq!(Number::from_cents(-1234).as_str(), "-12.34");
/// assert!("1e5".parse::<Number>().is_err());
/// ```
#[derive(Clone, Debug)]
pub struct Number(String);

impl Number {
    /// The number as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value's parts: negative (never for zero), integer digits without
    /// leading zeros, fraction digits without trailing zeros.
    fn parts(&self) -> (bool, &str, &str) {
        let (int, frac) = self.written_digits();
        let frac = frac.trim_end_matches('0');
        let negative = self.0.starts_with('-') && !(int.is_empty() && frac.is_empty());
        (negative, int, frac)
    }

    /// The digits as written: the integer part without its leading zeros
    /// and the fraction with all of its digits (`007.50` → `7`, `50`).
    pub(crate) fn written_digits(&self) -> (&str, &str) {
        let digits = self.0.strip_prefix('-').unwrap_or(&self.0);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        (int.trim_start_matches('0'), frac)
    }

    /// The amount in cents (hundredths), exactly: an error when the number
    /// has a non-zero digit past the second decimal or does not fit an `i64`.
    pub fn to_cents(&self) -> Result<i64, ParseValueError> {
        let (negative, int, frac) = self.parts();
        let refuse = || ParseValueError {
            expected: "amount in cents (at most 2 decimals, within i64)",
            value: self.0.clone(),
        };
        if frac.len() > 2 {
            return Err(refuse());
        }
        let mut digits = String::with_capacity(int.len() + 3);
        if negative {
            digits.push('-');
        }
        digits.push_str(int);
        digits.push_str(frac);
        for _ in frac.len()..2 {
            digits.push('0');
        }
        if digits.trim_start_matches('-').is_empty() {
            return Ok(0);
        }
        digits.parse().map_err(|_| refuse())
    }

    /// An amount given in cents (`1234` → `12.34`).
    pub fn from_cents(cents: i64) -> Number {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        Number(format!("{sign}{}.{:02}", abs / 100, abs % 100))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for Number {}

impl std::hash::Hash for Number {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let (an, ai, af) = self.parts();
        let (bn, bi, bf) = other.parts();
        let magnitude = ai
            .len()
            .cmp(&bi.len())
            .then_with(|| ai.cmp(bi))
            .then_with(|| af.cmp(bf));
        match (an, bn) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

#[cfg(feature = "rust_decimal")]
impl TryFrom<&Number> for rust_decimal::Decimal {
    type Error = ParseValueError;
    /// Exactly, or an error when the number has more than 28 decimals or is
    /// out of `Decimal`'s range.
    fn try_from(n: &Number) -> Result<Self, Self::Error> {
        rust_decimal::Decimal::from_str_exact(&n.0).map_err(|_| ParseValueError {
            expected: "rust_decimal::Decimal",
            value: n.0.clone(),
        })
    }
}

#[cfg(feature = "rust_decimal")]
impl From<rust_decimal::Decimal> for Number {
    /// Written as `Decimal` displays it (`1.50` keeps its scale).
    fn from(d: rust_decimal::Decimal) -> Self {
        Number(d.to_string())
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
///
/// It holds its 19 ASCII bytes inline: reading one allocates nothing, and a
/// `Date` is `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date([u8; 19]);

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Date").field(&self.as_str()).finish()
    }
}

impl Date {
    /// A date from its parts; an error for a day, hour, minute or second out
    /// of range, or a year outside 0–9999.
    ///
    /// ```
    /// use alipay_mapi_runtime::types::Date;
    /// assert_eq!(Date::new(2024, 2, 29, 8, 5, 0).unwrap().as_str(), "2024-02-29 08:05:00");
    /// assert!(Date::new(2023, 2, 29, 0, 0, 0).is_err());
    /// ```
    pub fn new(
        year: u32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Result<Date, ParseValueError> {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}").parse()
    }

    /// The date as sent.
    pub fn as_str(&self) -> &str {
        // ASCII digits and separators, checked when it was made.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The number the digits at `range` write.
    fn field(&self, range: std::ops::Range<usize>) -> u32 {
        self.0
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(0, |n, &digit| n * 10 + u32::from(digit.wrapping_sub(b'0')))
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
        let refuse = || ParseValueError {
            expected: "Date",
            value: s.to_owned(),
        };
        let bytes = <[u8; 19]>::try_from(s.as_bytes()).map_err(|_| refuse())?;
        let shape_ok = bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        });
        if !shape_ok {
            return Err(refuse());
        }
        let date = Date(bytes);
        let leap =
            |y: u32| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        let days_in_month = match date.month() {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap(date.year()) => 29,
            2 => 28,
            _ => 0,
        };
        if (1..=days_in_month).contains(&date.day())
            && date.hour() < 24
            && date.minute() < 60
            && date.second() < 60
        {
            Ok(date)
        } else {
            Err(refuse())
        }
    }
}

#[cfg(feature = "chrono")]
impl TryFrom<chrono::NaiveDateTime> for Date {
    type Error = ParseValueError;
    /// To the second (a fraction is an error, not dropped); years 0–9999.
    fn try_from(t: chrono::NaiveDateTime) -> Result<Self, Self::Error> {
        use chrono::{Datelike, Timelike};
        if t.nanosecond() != 0 || t.year() < 0 {
            return Err(ParseValueError {
                expected: "Date",
                value: t.to_string(),
            });
        }
        Date::new(
            t.year().unsigned_abs(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
        )
    }
}

#[cfg(feature = "chrono")]
impl TryFrom<&Date> for chrono::NaiveDateTime {
    type Error = ParseValueError;
    fn try_from(d: &Date) -> Result<Self, Self::Error> {
        chrono::NaiveDateTime::parse_from_str(d.as_str(), "%Y-%m-%d %H:%M:%S").map_err(|_| {
            ParseValueError {
                expected: "chrono::NaiveDateTime",
                value: d.as_str().to_owned(),
            }
        })
    }
}

#[cfg(feature = "time")]
impl TryFrom<time::PrimitiveDateTime> for Date {
    type Error = ParseValueError;
    /// To the second (a fraction is an error, not dropped); years 0–9999.
    fn try_from(t: time::PrimitiveDateTime) -> Result<Self, Self::Error> {
        let refuse = || ParseValueError {
            expected: "Date",
            value: t.to_string(),
        };
        if t.nanosecond() != 0 || t.year() < 0 {
            return Err(refuse());
        }
        Date::new(
            t.year().unsigned_abs(),
            u32::from(u8::from(t.month())),
            u32::from(t.day()),
            u32::from(t.hour()),
            u32::from(t.minute()),
            u32::from(t.second()),
        )
    }
}

#[cfg(feature = "time")]
impl TryFrom<&Date> for time::PrimitiveDateTime {
    type Error = ParseValueError;
    fn try_from(d: &Date) -> Result<Self, Self::Error> {
        let refuse = || ParseValueError {
            expected: "time::PrimitiveDateTime",
            value: d.as_str().to_owned(),
        };
        let narrow = |v: u32| u8::try_from(v).map_err(|_| refuse());
        let month = time::Month::try_from(narrow(d.month())?).map_err(|_| refuse())?;
        let year = i32::try_from(d.year()).map_err(|_| refuse())?;
        let date =
            time::Date::from_calendar_date(year, month, narrow(d.day())?).map_err(|_| refuse())?;
        let clock =
            time::Time::from_hms(narrow(d.hour())?, narrow(d.minute())?, narrow(d.second())?)
                .map_err(|_| refuse())?;
        Ok(time::PrimitiveDateTime::new(date, clock))
    }
}

macro_rules! text_value {
    ($($t:ident),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
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
                serializer.serialize_str(self.as_str())
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

    fn n(s: &str) -> Number {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_compare_by_value() {
        use std::collections::HashSet;
        assert_eq!(n("0.01"), n("0.010"));
        assert_eq!(n("007"), n("7.000"));
        assert_eq!(n("-0"), n("0.00"));
        assert_ne!(n("0.01"), n("0.1"));
        let mut sorted = [n("10"), n("-2.5"), n("9.99"), n("-10"), n("0"), n("0.001")];
        sorted.sort();
        let text: Vec<&str> = sorted.iter().map(Number::as_str).collect();
        assert_eq!(text, ["-10", "-2.5", "0", "0.001", "9.99", "10"]);
        let set: HashSet<Number> = [n("1.50"), n("1.5"), n("01.5")].into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn cents() {
        assert_eq!(n("12.34").to_cents(), Ok(1234));
        assert_eq!(n("-0.5").to_cents(), Ok(-50));
        assert_eq!(n("3").to_cents(), Ok(300));
        assert_eq!(n("0.000").to_cents(), Ok(0));
        assert_eq!(n("1.230").to_cents(), Ok(123));
        assert!(n("0.001").to_cents().is_err());
        assert!(n("99999999999999999999").to_cents().is_err());
        assert_eq!(Number::from_cents(5).as_str(), "0.05");
        assert_eq!(Number::from_cents(i64::MIN).to_cents(), Ok(i64::MIN));
    }

    #[test]
    fn dates_from_parts() {
        let d = Date::new(2011, 10, 7, 9, 30, 0).unwrap();
        assert_eq!(d, "2011-10-07 09:30:00".parse().unwrap());
        assert!(Date::new(2011, 10, 7, 24, 0, 0).is_err());
        assert!(Date::new(10000, 1, 1, 0, 0, 0).is_err());
    }

    #[cfg(feature = "rust_decimal")]
    #[test]
    fn decimal_round_trip() {
        let d = rust_decimal::Decimal::try_from(&n("-12.340")).unwrap();
        assert_eq!(d.to_string(), "-12.340");
        assert_eq!(Number::from(d), n("-12.34"));
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_round_trip() {
        use chrono::Timelike;
        let t = chrono::NaiveDate::from_ymd_opt(2024, 2, 29)
            .unwrap()
            .and_hms_opt(23, 59, 58)
            .unwrap();
        let d = Date::try_from(t).unwrap();
        assert_eq!(d.as_str(), "2024-02-29 23:59:58");
        assert_eq!(chrono::NaiveDateTime::try_from(&d).unwrap(), t);
        assert!(Date::try_from(t.with_nanosecond(1).unwrap()).is_err());
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_round_trip() {
        let t = time::PrimitiveDateTime::new(
            time::Date::from_calendar_date(2011, time::Month::October, 7).unwrap(),
            time::Time::from_hms(9, 30, 1).unwrap(),
        );
        let d = Date::try_from(t).unwrap();
        assert_eq!(d.as_str(), "2011-10-07 09:30:01");
        assert_eq!(time::PrimitiveDateTime::try_from(&d).unwrap(), t);
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

    #[test]
    fn a_date_reads_and_shows_as_its_text() {
        let text = "2008-10-22 20:49:31";
        let d: Date = text.parse().unwrap();
        assert_eq!(
            (
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            ),
            (2008, 10, 22, 20, 49, 31)
        );
        assert_eq!((d.as_str(), d.to_string()), (text, text.to_owned()));
        assert_eq!(format!("{d:?}"), format!("Date({text:?})"));
        assert_eq!(serde_json::to_string(&d).unwrap(), format!("{text:?}"));
        let copy = d;
        assert_eq!(copy, d);
        // Dates order as their texts do.
        let mut dates: Vec<Date> = [
            "2011-10-07 09:30:00",
            "2008-10-22 20:49:31",
            "2011-10-07 09:29:59",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        dates.sort();
        let texts: Vec<&str> = dates.iter().map(Date::as_str).collect();
        assert_eq!(
            texts,
            [
                "2008-10-22 20:49:31",
                "2011-10-07 09:29:59",
                "2011-10-07 09:30:00"
            ]
        );
    }
}
