//! Documents that lost information: every problem is named with its line,
//! and a declaration with nothing usable says what it found.
use alipay_mapi::alipay_service;

// A row longer than its header, a header without type and nullability
// columns, a header with no rows under it.
#[alipay_service("x.y.bad", doc = "../../codegen/tests/fixtures/layouts/bad_layouts.txt")]
pub mod bad_layouts {}

// No request, return, notification or answer table: the error lists the
// tables that were found.
#[alipay_service("ui.other.tables", doc = "docs/other_tables_only.md")]
pub mod other_tables {}

// The shortest form without a document names the files it tried.
#[alipay_service("ui.no.such.document")]
pub mod no_document {}

// `request` inline next to a document that has its own request table.
#[alipay_service(
    "sns.cae.sign.customer",
    doc = "docs/seed_format.md",
    request = "
参数\t类型\t可空
a_b\tString(2)\tN
"
)]
pub mod two_requests {}

fn main() {}
