//! Per-service faults: what a real gateway (or the network in front of it)
//! sometimes does, on demand.
//!
//! A rule names a service (`*` for all) and a fault, and optionally how many
//! times it applies. Rules come from [`MockConfig::faults`](crate::MockConfig),
//! the command line (`--fault single_trade_query=http502`), or the control
//! API (`POST /_mock/faults` with the JSON of a [`FaultRule`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Something going wrong on purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Answer normally after `ms` milliseconds.
    Delay {
        /// The delay.
        ms: u64,
    },
    /// Hold the answer back ([`MockConfig::timeout_hold`](crate::MockConfig),
    /// an hour by default): the client's timeout fires.
    Timeout,
    /// Close the connection without a complete answer.
    Reset,
    /// Answer `502 Bad Gateway` with an HTML body, as a proxy in front of
    /// the gateway does.
    Http502,
    /// Answer the XML cut in half.
    Truncated,
    /// Answer the XML without `<sign>` and `<sign_type>`.
    Unsigned,
    /// Sign the service's notifications with a wrong key.
    NotifyWrongKey,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Delay { ms } => write!(f, "delay:{ms}"),
            Fault::Timeout => f.write_str("timeout"),
            Fault::Reset => f.write_str("reset"),
            Fault::Http502 => f.write_str("http502"),
            Fault::Truncated => f.write_str("truncated"),
            Fault::Unsigned => f.write_str("unsigned"),
            Fault::NotifyWrongKey => f.write_str("notify-wrong-key"),
        }
    }
}

impl FromStr for Fault {
    type Err = String;

    /// `delay:MS`, `timeout`, `reset`, `http502` (or `502`), `truncated`,
    /// `unsigned`, `notify-wrong-key`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(ms) = s.strip_prefix("delay:") {
            return ms
                .parse()
                .map(|ms| Fault::Delay { ms })
                .map_err(|_| format!("`{s}`: delay:MS takes milliseconds"));
        }
        Ok(match s {
            "timeout" => Fault::Timeout,
            "reset" => Fault::Reset,
            "http502" | "502" => Fault::Http502,
            "truncated" => Fault::Truncated,
            "unsigned" => Fault::Unsigned,
            "notify-wrong-key" | "notify_wrong_key" => Fault::NotifyWrongKey,
            _ => {
                return Err(format!(
                    "unknown fault `{s}` (delay:MS, timeout, reset, http502, truncated, unsigned, notify-wrong-key)"
                ))
            }
        })
    }
}

/// A fault for a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    /// The `service` it applies to, or `*`.
    pub service: String,
    /// The fault.
    pub fault: Fault,
    /// How many more times it applies; `None` for always. `Some(0)` never
    /// applies (the rule is dropped when next looked at).
    #[serde(default)]
    pub times: Option<u32>,
}

impl FaultRule {
    /// `fault` on every call of `service`.
    pub fn new(service: &str, fault: Fault) -> Self {
        FaultRule {
            service: service.to_owned(),
            fault,
            times: None,
        }
    }

    /// Only the next `n` calls (`0`: none; the rule never fires).
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    fn matches(&self, service: &str) -> bool {
        self.service == "*" || self.service == service
    }
}

impl FromStr for FaultRule {
    type Err = String;

    /// `SERVICE=FAULT` or `SERVICE=FAULT*N` (`*=reset`, `close_trade=delay:500*2`;
    /// `*0` is a rule that never fires).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (service, rest) = s.split_once('=').ok_or_else(|| {
            format!("`{s}`: a fault is SERVICE=FAULT (e.g. single_trade_query=http502)")
        })?;
        let (fault, times) = match rest.rsplit_once('*') {
            Some((f, n)) => (
                f,
                Some(n.parse().map_err(|_| format!("`{s}`: *N takes a count"))?),
            ),
            None => (rest, None),
        };
        Ok(FaultRule {
            service: service.to_owned(),
            fault: fault.parse()?,
            times,
        })
    }
}

/// Takes the first rule for `service` whose fault `wanted` accepts, counting
/// it down. A rule with no times left (`times: Some(0)`, as configured or
/// used up) never fires: it is dropped here.
pub(crate) fn take(
    rules: &mut Vec<FaultRule>,
    service: &str,
    wanted: impl Fn(&Fault) -> bool,
) -> Option<Fault> {
    rules.retain(|r| r.times != Some(0));
    let index = rules
        .iter()
        .position(|r| r.matches(service) && wanted(&r.fault))?;
    let rule = rules.get_mut(index)?;
    let fault = rule.fault.clone();
    if let Some(n) = rule.times.as_mut() {
        *n = n.saturating_sub(1);
        if *n == 0 {
            rules.remove(index);
        }
    }
    Some(fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules() {
        let r: FaultRule = "close_trade=delay:500*2".parse().unwrap();
        assert_eq!(r.service, "close_trade");
        assert_eq!(r.fault, Fault::Delay { ms: 500 });
        assert_eq!(r.times, Some(2));
        assert!("x=nope".parse::<FaultRule>().is_err());
        assert!("nope".parse::<FaultRule>().is_err());
    }

    #[test]
    fn counts_down() {
        let mut rules = vec![FaultRule::new("*", Fault::Reset).times(1)];
        assert_eq!(take(&mut rules, "a", |_| true), Some(Fault::Reset));
        assert_eq!(take(&mut rules, "a", |_| true), None);
    }

    #[test]
    fn zero_times_never_fires() {
        let mut rules = vec![
            FaultRule::new("*", Fault::Reset).times(0),
            "a=http502*0".parse().unwrap(),
            serde_json::from_str(r#"{"service":"a","fault":{"kind":"timeout"},"times":0}"#)
                .unwrap(),
        ];
        assert_eq!(take(&mut rules, "a", |_| true), None);
        assert!(rules.is_empty());
    }

    #[test]
    fn json_shape() {
        let r: FaultRule =
            serde_json::from_str(r#"{"service":"x","fault":{"kind":"delay","ms":5}}"#).unwrap();
        assert_eq!(r.fault, Fault::Delay { ms: 5 });
    }
}
