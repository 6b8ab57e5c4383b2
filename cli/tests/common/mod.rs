//! Helpers of the command-line tests: running the binary, fixtures, and
//! independent computations of signs (the md-5 crate, OpenSSL), percent- and
//! base64 encoding written here rather than taken from the runtime.
#![allow(dead_code)]

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The public MD5 test secret.
pub const KEY: &str = "10000000000000000000000000000000";
pub const PARTNER: &str = "2088002464631181";
pub const SERVICE: &str = "sns.cae.sign.customer";

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as one JSON object.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {self:?}"))
    }

    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code: {self:#?}");
        if code != 0 {
            assert!(
                !self.stderr.trim().is_empty(),
                "a failure says why on stderr"
            );
        }
        self
    }
}

pub fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alipay-mapi"));
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    let output = child.wait_with_output().expect("the binary finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A file of the runtime's fixtures (keys and signatures made by OpenSSL).
pub fn fixture(name: &str) -> String {
    format!(
        "{}/../runtime/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name))
        .expect("fixture")
        .trim()
        .to_owned()
}

/// `@path` of a fixture, as `--key` takes it.
pub fn key_file(name: &str) -> String {
    format!("@{}", fixture(name))
}

/// A scratch file with these bytes.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("alipay-mapi-cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    // Tests run in parallel and some write the same name: written aside and
    // renamed into place, a file is never read half written.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let aside = dir.join(format!("{name}.{}.{n}.tmp", std::process::id()));
    std::fs::write(&aside, bytes).expect("write temp file");
    std::fs::rename(&aside, &path).expect("rename temp file");
    path
}

/// md5(bytes ++ KEY), lowercase hex, with the md-5 crate directly.
pub fn md5_sign(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    let mut h = Md5::new();
    h.update(bytes);
    h.update(KEY.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Percent-encodes every byte but RFC 3986's unreserved characters.
pub fn pct(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn unbase64(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = B64.iter().position(|&b| b == c).expect("base64") as u32;
        bits = bits << 6 | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

pub fn openssl_available() -> bool {
    let found = Command::new("openssl")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("note: openssl not found; skipping a check that needs it");
    }
    found
}

/// `openssl dgst -<digest> -sign <fixture key>` over `message`, base64.
pub fn openssl_sign(digest: &str, key: &str, message: &[u8], tag: &str) -> String {
    let msg = temp_file(&format!("{tag}.msg"), message);
    let out = Command::new("openssl")
        .args(["dgst", &format!("-{digest}"), "-sign", &fixture(key)])
        .arg(&msg)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    base64(&out.stdout)
}

/// `openssl dgst -<digest> -verify <fixture public key>` of a base64 sign.
pub fn openssl_verifies(digest: &str, key: &str, message: &[u8], sign: &str, tag: &str) -> bool {
    let msg = temp_file(&format!("{tag}.msg"), message);
    let sig = temp_file(&format!("{tag}.sig"), &unbase64(sign));
    Command::new("openssl")
        .args([
            "dgst",
            &format!("-{digest}"),
            "-verify",
            &fixture(key),
            "-signature",
        ])
        .arg(&sig)
        .arg(&msg)
        .output()
        .expect("openssl runs")
        .status
        .success()
}
