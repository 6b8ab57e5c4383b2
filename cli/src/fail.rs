//! Failures and their exit codes.

use std::io::Write as _;
use std::process::ExitCode;

/// Why a command did not succeed: the exit code and the message for stderr.
#[derive(Debug)]
pub struct Fail {
    code: u8,
    message: String,
}

impl Fail {
    /// Exit 1: a signature that does not verify, parameters that break their table.
    pub fn invalid(message: impl Into<String>) -> Self {
        Fail {
            code: 1,
            message: message.into(),
        }
    }

    /// Exit 2: bad usage or unreadable input.
    pub fn usage(message: impl Into<String>) -> Self {
        Fail {
            code: 2,
            message: message.into(),
        }
    }

    /// Prints the message on stderr and gives the exit code.
    pub fn report(self) -> ExitCode {
        let mut stderr = std::io::stderr().lock();
        // The first line is prefixed; the rest (lists) stay as written.
        let _ = writeln!(stderr, "alipay-mapi: {}", self.message);
        ExitCode::from(self.code)
    }
}

pub type Result<T> = std::result::Result<T, Fail>;
