//! `alipay-mapi`: sign, verify and explain signatures of Alipay's legacy
//! partner gateway (`mapi.alipay.com/gateway.do`), build signed request URLs
//! and forms for declared interfaces, and generate declarations from gateway
//! documents.
//!
//! Exit codes: 0 success, 1 a signature or validation failure, 2 bad usage or
//! unreadable input. Every failure also has a message on stderr.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cmd;
mod fail;
mod input;
mod out;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use alipay_mapi::{Charset, SignType};

use crate::input::{parse_charset, parse_pair, parse_sign_type};

const KEY_HELP: &str =
    "The key itself, or @PATH to read it from a file. PEM (PKCS#1, PKCS#8, SPKI, \
OpenSSL's DSA PRIVATE KEY), DER, or bare base64 on one line; for MD5, the merchant's secret. \
Prefer @PATH: a key on the command line is visible to other users of the machine";

/// Sign, verify and explain signatures of Alipay's legacy partner gateway.
///
/// Exit status: 0 success; 1 a signature or validation failure; 2 bad usage or
/// unreadable input (including a value the charset cannot encode).
#[derive(Debug, Parser)]
#[command(name = "alipay-mapi", version, propagate_version = true)]
struct Cli {
    /// Print one JSON object on stdout instead of text (messages still go to stderr).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sign a parameter set; the sign is the last line printed.
    ///
    /// Every parameter given takes part, base ones included; `sign`,
    /// `sign_type` and empty values are left out of the string, as the
    /// gateway's rule says.
    Sign(SignArgs),
    /// Check a return or notification: prints OK and the parameters, or why not.
    ///
    /// The sign type comes from the received `sign_type` (any case), or
    /// --sign-type. Exit 1 when the signature does not verify, or the gateway
    /// reports a failure (is_success=F).
    Verify(CheckArgs),
    /// Find out why a sign does not verify (same input as verify).
    ///
    /// Prints the signing string, the bytes of its non-ASCII characters, the
    /// algorithm, the received sign and whether it matches; when it does not,
    /// rebuilds the string with each common mistake (other charset, sign_type
    /// included, empty values included, `+` turned into a space, values
    /// URL-encoded, pairs sorted as strings), checks the sign against each with
    /// the key and says which one produced it. Works on a return URL and on a
    /// request URL you built. Exit 0 when the sign matches, 1 when not.
    Explain(CheckArgs),
    /// The signed GET URL of a declared interface.
    ///
    /// The parameters are validated against the interface's tables first
    /// (unknown names, missing required ones, over-long values: exit 1).
    Url(RequestArgs),
    /// The auto-submitting HTML form of a declared interface.
    ///
    /// Takes the same arguments as url, plus --method.
    Form(FormArgs),
    /// Perform a server call and print its answer: the `curl` of the gateway.
    ///
    /// Signs SERVICE with the business parameters, POSTs it to --gateway,
    /// reads the XML answer, checks its <sign> (see --sign-policy) and prints
    /// the answer: typed by the interface's answer table when SERVICE is a
    /// declared interface, else as the raw tree.
    ///
    /// What repeats: an element is a JSON array, and has an index in its text
    /// path (`list.Record[0].balance`), when the answer table declares it
    /// repeated (`name[]`: also with one or none), when it occurs more than
    /// once, or when the table does not declare it and its parent's name ends
    /// in `_list`; any other undeclared element is an object, so only a
    /// declaration makes such a shape independent of the count. Text lines are
    /// `path = value`; a value that is empty, starts or ends with whitespace,
    /// or holds a quote, a backslash, a control or an invisible character is
    /// quoted with escapes (`""`, `" "`, `"a\nb"`).
    ///
    /// Exit 1 when the gateway reports a failure, the answer's sign does not
    /// verify, or the answer lacks a field its table requires (the answer is
    /// still printed, the missing fields named); 2 for bad usage or when the
    /// call does not get a readable answer.
    Call(CallArgs),
    /// Print the Rust declaration for a gateway document, or its errors.
    ///
    /// Reads the document as the alipay_service attribute does and prints the declaration
    /// to paste, or the diagnostics the macro would give (exit 1).
    Gen(GenArgs),
    /// List the interfaces this build knows; for one, its fields and error codes.
    Services(ServicesArgs),
    /// Run a local gateway: every declared interface, a cashier page, trades,
    /// notifications, signed XML answers, faults and an inspector page.
    #[cfg(feature = "mock")]
    Mock(cmd::mock::MockArgs),
    /// Write a gateway document (PDF, HTML or text) as the Markdown the declaration reads.
    ///
    /// Every table as a pipe table under its section heading, and a `服务名`
    /// line: review it, commit it next to the declaration and point `doc = "…"`
    /// at it. Line numbers in the diagnostics of a `doc = "x.pdf"` declaration
    /// are those of this Markdown. PDFs need a build with `--features pdf`.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct SignArgs {
    /// MD5, RSA, RSA2 or DSA (any case).
    #[arg(long, value_name = "TYPE", value_parser = parse_sign_type)]
    sign_type: SignType,
    /// The merchant's MD5 secret or private key.
    #[arg(long, value_name = "KEY", long_help = KEY_HELP, allow_hyphen_values = true)]
    key: String,
    /// The charset whose bytes are signed: utf-8, gbk or gb2312.
    #[arg(long, value_name = "CHARSET", default_value = "utf-8", value_parser = parse_charset)]
    charset: Charset,
    /// Print the signing string (and the bytes of its non-ASCII characters) before the sign.
    #[arg(long)]
    explain: bool,
    /// The parameters as a query string, percent-decoded in --charset (`a=1&b=%D6%D0`).
    #[arg(long, value_name = "QUERY", conflicts_with = "params")]
    query: Option<String>,
    /// Parameters, taken raw (split at the first `=`; nothing is decoded).
    #[arg(value_name = "NAME=VALUE", value_parser = parse_pair, required_unless_present = "query")]
    params: Vec<(String, String)>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The MD5 secret, or the gateway's public key (not your own).
    #[arg(long, value_name = "KEY", long_help = KEY_HELP, allow_hyphen_values = true)]
    key: String,
    /// The charset the parameters were sent in: utf-8, gbk or gb2312. By
    /// default, the received `_input_charset` (or `charset`) when there is
    /// one, else utf-8 (a return carries none: give the request's).
    #[arg(long, value_name = "CHARSET", value_parser = parse_charset)]
    charset: Option<Charset>,
    /// Check as this sign type. Needed when the parameters carry no
    /// `sign_type`; when they carry another one, it is ignored (dropped before
    /// the check) and the sign is checked as TYPE.
    #[arg(long, value_name = "TYPE", value_parser = parse_sign_type)]
    sign_type: Option<SignType>,
    /// The merchant's RSA private key (text or @PATH): a WAP 2.0
    /// notification with `sec_id=0001` carries its `notify_data` encrypted
    /// for it, and is signed over the decrypted text.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    merchant_key: Option<String>,
    /// The return URL or query string (percent-encoded, as received), @PATH to
    /// read it (or a notification's form body) from a file, or - for stdin.
    #[arg(value_name = "RETURN-URL | QUERY-STRING")]
    input: String,
}

#[derive(Debug, Args)]
struct RequestArgs {
    /// The `service` of a declared interface (see `alipay-mapi services`).
    #[arg(value_name = "SERVICE")]
    service: String,
    /// The merchant id (16 digits).
    #[arg(long, value_name = "PARTNER")]
    partner: String,
    /// MD5, RSA, RSA2 or DSA (any case); required but for `call
    /// notify_verify`, which is not signed.
    #[arg(long, value_name = "TYPE", value_parser = parse_sign_type)]
    sign_type: Option<SignType>,
    /// The merchant's MD5 secret or private key; required but for `call
    /// notify_verify`.
    #[arg(long, value_name = "KEY", long_help = KEY_HELP, allow_hyphen_values = true)]
    key: Option<String>,
    /// `_input_charset`: utf-8, gbk or gb2312.
    #[arg(long, value_name = "CHARSET", default_value = "utf-8", value_parser = parse_charset)]
    charset: Charset,
    /// The gateway address [default: the service's documented host,
    /// https://mapi.alipay.com/gateway.do, or
    /// https://intlmapi.alipay.com/gateway.do for the cross-border services]
    #[arg(long, value_name = "URL")]
    gateway: Option<String>,
    /// Business parameters, taken raw (split at the first `=`); the base ones
    /// (service, partner, _input_charset, sign_type, sign) are added.
    #[arg(value_name = "NAME=VALUE", value_parser = parse_pair)]
    params: Vec<(String, String)>,
}

impl RequestArgs {
    /// `--sign-type` and `--key`, which a signed request needs.
    fn signing(&self) -> crate::fail::Result<(SignType, &str)> {
        match (self.sign_type, self.key.as_deref()) {
            (Some(sign_type), Some(key)) => Ok((sign_type, key)),
            _ => Err(crate::fail::Fail::usage(format!(
                "`{}` is a signed request: give --sign-type and --key",
                self.service
            ))),
        }
    }
}

#[derive(Debug, Args)]
struct CallArgs {
    #[command(flatten)]
    request: RequestArgs,
    /// The key that checks the answer's <sign>: the gateway's public key for
    /// RSA, RSA2 and DSA; for MD5 the default is --key.
    #[arg(long, value_name = "KEY", long_help = KEY_HELP, allow_hyphen_values = true)]
    verify_key: Option<String>,
    /// What to do with the answer's <sign>: require, require-with-response (a success
    /// with a <response> must be signed), if-present or skip.
    #[arg(long, value_enum, default_value_t = CallSignPolicy::IfPresent)]
    sign_policy: CallSignPolicy,
    /// Give up after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// Print the request's signing string and the answer's (what <sign> was
    /// checked over).
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CallSignPolicy {
    Require,
    RequireWithResponse,
    IfPresent,
    Skip,
}

#[derive(Debug, Args)]
struct FormArgs {
    #[command(flatten)]
    request: RequestArgs,
    /// How the browser submits the form.
    #[arg(long, value_enum, default_value_t = FormMethod::Post)]
    method: FormMethod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormMethod {
    Get,
    Post,
}

#[derive(Debug, Args)]
struct GenArgs {
    /// The gateway document: the page's text (tab-separated tables), Markdown, or HTML.
    #[arg(value_name = "DOC-FILE")]
    doc: std::path::PathBuf,
    /// The service name; by default the document's `服务名` / `Service` line.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// How String(n) lengths count: gbk (ASCII 1, Chinese 2; the default), chars or utf8.
    #[arg(long, value_enum, default_value_t = Length::Gbk)]
    length: Length,
    /// How the interface is reached, when the document does not say (the
    /// declaration's `access`): page (a redirect of the buyer's browser),
    /// server (a server call answering XML) or app (an order string handed
    /// to the app's SDK; the result comes by notification).
    #[arg(long, value_enum)]
    access: Option<AccessArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum AccessArg {
    Page,
    Server,
    App,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The document: FILE.pdf (the official interface PDF), FILE.html, or FILE.txt / .md.
    #[arg(value_name = "FILE")]
    file: std::path::PathBuf,
    /// The service name, when the document names none (a document naming another is an error).
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// Write the Markdown to this file instead of stdout.
    #[arg(short, long, value_name = "OUT.md")]
    output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Length {
    Gbk,
    Chars,
    Utf8,
}

#[derive(Debug, Args)]
struct ServicesArgs {
    /// One interface to describe.
    #[arg(value_name = "SERVICE")]
    service: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version exit 0, usage errors 2 (clap's codes).
        Err(e) => {
            // A subcommand left out of this build: say how to get it.
            #[cfg(not(feature = "mock"))]
            if e.kind() == clap::error::ErrorKind::InvalidSubcommand
                && std::env::args()
                    .skip(1)
                    .find(|a| !a.starts_with('-'))
                    .as_deref()
                    == Some("mock")
            {
                return fail::Fail::usage(
                    "`mock` (the local gateway) is not in this build: it comes with the cli's `mock` feature \
                     (cargo install --path cli --features mock)",
                )
                .report();
            }
            e.exit()
        }
    };
    let json = cli.json;
    let result = match cli.command {
        Command::Sign(args) => cmd::sign::run(args, json),
        Command::Verify(args) => cmd::check::verify(args, json),
        Command::Explain(args) => cmd::check::explain(args, json),
        Command::Url(args) => cmd::request::url(args, json),
        Command::Form(args) => cmd::request::form(args, json),
        Command::Call(args) => cmd::call::run(args, json),
        Command::Gen(args) => cmd::gen::run(args, json),
        Command::Services(args) => cmd::services::run(args, json),
        #[cfg(feature = "mock")]
        Command::Mock(args) => cmd::mock::run(args, json),
        Command::Import(args) => cmd::import::run(args, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => fail.report(),
    }
}
