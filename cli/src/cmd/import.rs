//! `alipay-mapi import`: an interface document (the official PDF, the
//! page's HTML, copied text) as the clean Markdown document the declaration
//! reads — for review, and for committing next to the declaration.

use serde_json::json;

use alipay_mapi_codegen::import::{import, Format};

use crate::fail::{Fail, Result};
use crate::out;
use crate::ImportArgs;

pub fn run(args: ImportArgs, json: bool) -> Result<()> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Fail::usage(format!("cannot read `{shown}`: {e}")))?;
    let format = Format::of_path(&args.file);
    let imported = import(&bytes, format, args.service.as_deref())
        .map_err(|e| Fail::usage(format!("`{shown}`: {e}")))?;
    let Some(service) = imported.service.clone() else {
        return Err(Fail::usage(format!(
            "`{shown}` names no service (no 服务名 / 接口名称 line, no `service` row example, \
             none in the title): give --service NAME"
        )));
    };
    for warning in &imported.warnings {
        out::note(warning);
    }
    if let Some(path) = &args.output {
        std::fs::write(path, &imported.markdown)
            .map_err(|e| Fail::usage(format!("cannot write `{}`: {e}", path.display())))?;
    }
    let tables = imported
        .markdown
        .lines()
        .filter(|l| l.starts_with("|---"))
        .count();
    if json {
        out::print_json(&json!({
            "ok": true,
            "service": service,
            "tables": tables,
            "output": args.output.as_ref().map(|p| p.display().to_string()),
            "markdown": args.output.is_none().then_some(&imported.markdown),
            "warnings": imported.warnings,
        }));
    } else if let Some(path) = &args.output {
        out::note(&format!(
            "wrote `{}`: service {service}, {tables} tables",
            path.display()
        ));
    } else {
        out::print(&imported.markdown);
    }
    Ok(())
}
