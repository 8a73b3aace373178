//! Rounding intervals (XBRL Calculations 1.1): a figure written with d decimals stands for
//! every value within ±½·10⁻ᵈ of it; a sum is consistent with its printed total when the sum
//! of the intervals meets the total's interval. Shared by `table/*` and `amount/*`.

use crate::model::Number;
use rust_decimal::Decimal;

/// A closed interval of values a written figure may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn exact(v: Decimal) -> Interval {
        Interval { lo: v, hi: v }
    }
    /// `v` rounded to `decimals` decimals; `None` beyond the range of a decimal.
    pub fn rounded(v: Decimal, decimals: u32) -> Option<Interval> {
        let half = Decimal::try_new(5, decimals.checked_add(1)?).ok()?;
        Some(Interval {
            lo: v.checked_sub(half)?,
            hi: v.checked_add(half)?,
        })
    }
    /// The sum of two intervals; `None` when it leaves the range of a decimal (about 7,9·10²⁸).
    pub fn plus(self, o: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_add(o.lo)?,
            hi: self.hi.checked_add(o.hi)?,
        })
    }
    /// The difference of two intervals; `None` when it leaves the range of a decimal.
    pub fn minus(self, o: Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_sub(o.hi)?,
            hi: self.hi.checked_sub(o.lo)?,
        })
    }
    pub fn meets(self, o: Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
    /// The middle of the interval (halved first when the sum of the ends would overflow).
    pub fn mid(self) -> Decimal {
        match self.lo.checked_add(self.hi) {
            Some(sum) => sum / Decimal::TWO,
            None => (self.lo / Decimal::TWO)
                .checked_add(self.hi / Decimal::TWO)
                .unwrap_or(self.hi),
        }
    }
    /// "[1.070,85; 1.071,15]", or the single value when exact.
    pub fn danish(self) -> String {
        if self.lo == self.hi {
            danish(self.lo)
        } else {
            format!("[{}; {}]", danish(self.lo), danish(self.hi))
        }
    }
}

/// Is a figure in this unit rounded? Figures in thousands, millions or billions are; counts
/// and whole kroner written without decimals are exact (a count of 47 people is 47).
pub fn unit_is_rounded(unit: Option<&str>) -> bool {
    matches!(unit, Some("t. kr." | "mio. kr." | "mia. kr."))
}

/// The interval a figure stands for. `column_decimals` is the precision of the column it
/// stands in (a bare "0" in a column of one-decimal figures means 0,0). `None` when the
/// rounding interval leaves the range of a decimal.
pub fn interval_of(n: &Number, column_decimals: u32) -> Option<Interval> {
    let d = if n.value.is_zero() && n.decimals == 0 {
        column_decimals
    } else {
        n.decimals
    };
    if d == 0 && !unit_is_rounded(n.unit.as_deref()) {
        Some(Interval::exact(n.value))
    } else {
        Interval::rounded(n.value, d)
    }
}

/// The power of ten of a unit relative to kroner (or to a count).
pub fn unit_scale(unit: Option<&str>) -> u32 {
    match unit {
        Some("t. kr.") => 3,
        Some("mio. kr.") => 6,
        Some("mia. kr.") => 9,
        _ => 0,
    }
}

/// Is this unit money or a plain count (as opposed to %, a fraction, …)?
pub fn is_money_or_count(unit: Option<&str>) -> bool {
    matches!(
        unit,
        None | Some("kr." | "t. kr." | "mio. kr." | "mia. kr.")
    )
}

/// Scale an interval from `from` units to `to` units (both money or counts); `None` when
/// the scaled figure leaves the range of a decimal (billions written in kroner).
pub fn rescale(iv: Interval, from: Option<&str>, to: Option<&str>) -> Option<Interval> {
    let (f, t) = (unit_scale(from), unit_scale(to));
    let factor = |p: u32| Decimal::from(10u64.pow(p));
    if f >= t {
        Some(Interval {
            lo: iv.lo.checked_mul(factor(f - t))?,
            hi: iv.hi.checked_mul(factor(f - t))?,
        })
    } else {
        Some(Interval {
            lo: iv.lo.checked_div(factor(t - f))?,
            hi: iv.hi.checked_div(factor(t - f))?,
        })
    }
}

/// A decimal in Danish notation: "1.071,0", "-3,2", "149.600".
pub fn danish(v: Decimal) -> String {
    let v = v.normalize_keep(v.scale());
    let s = v.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Helper trait: keep a decimal's scale as written (rust_decimal may carry extra zeros after
/// arithmetic; we print with the written precision).
trait KeepScale {
    fn normalize_keep(self, scale: u32) -> Decimal;
}

impl KeepScale for Decimal {
    fn normalize_keep(self, scale: u32) -> Decimal {
        let mut v = self;
        v.rescale(scale);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_is_not_an_error() {
        // 152,2 + 870,2 + 48,6 = 1.071,0 against a printed 1.070,9.
        let sum = [d("152.2"), d("870.2"), d("48.6")]
            .into_iter()
            .map(|v| Interval::rounded(v, 1).unwrap())
            .try_fold(Interval::exact(Decimal::ZERO), Interval::plus)
            .unwrap();
        assert!(sum.meets(Interval::rounded(d("1070.9"), 1).unwrap()));
        let (a, b) = (
            Interval::rounded(d("1056.0"), 1),
            Interval::rounded(d("1065.0"), 1),
        );
        assert!(!a.unwrap().meets(b.unwrap()));
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        let big = Interval::exact(Decimal::MAX);
        assert_eq!(big.plus(big), None);
        assert_eq!(Interval::exact(Decimal::MIN).minus(big), None);
        assert_eq!(Interval::rounded(Decimal::MAX, 0), None);
        assert_eq!(Interval::rounded(d("1"), 40), None);
        assert_eq!(rescale(big, Some("mia. kr."), Some("kr.")), None);
        assert!(big.mid() > Decimal::ZERO);
    }

    #[test]
    fn danish_formatting() {
        assert_eq!(danish(d("1071.0")), "1.071,0");
        assert_eq!(danish(d("149600")), "149.600");
        assert_eq!(danish(d("-3.2")), "-3,2");
        assert_eq!(danish(d("0.05")), "0,05");
    }
}
