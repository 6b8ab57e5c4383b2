//! Semantic checks: a parsed [`Document`] → a checked [`Interface`].

use std::collections::HashMap;

use crate::model::{
    answer_tree, error_variant_ident, field_ident, ErrorVariant, Field, Interface, Options,
    ANSWER_BASE_PARAMS, NOTIFY_BASE_PARAMS, REQUEST_BASE_PARAMS, RESPONSE_BASE_PARAMS,
};
use crate::syntax::{
    names_page_return, parse_document_parts, Access, Document, ErrorCodeSpec, Param, Table,
};
use crate::Diagnostic;

/// A return table that only its place made a page-redirect return, in a
/// document that says nothing else of a page call: the access kind is not
/// stated, and the request table has no `return_url` to return to. A
/// server call's XML answer is headed just the same way (`同步返回`,
/// `返回参数`), so which one the table is cannot be told: an error, not a
/// page call guessed.
fn unsure_return(doc: &Document, line: usize, diags: &mut Vec<Diagnostic>) {
    let return_url = doc
        .request
        .as_ref()
        .is_some_and(|r| r.params.iter().any(|p| p.name == "return_url"));
    if return_url {
        return;
    }
    diags.push(
        Diagnostic::new(format!(
            "the table at line {line} would be the page-redirect return, but nothing says this is a page call: its heading does not name the page redirect (页面跳转 / return_url), the request has no `return_url`, and the document states no access kind; a server call's XML answer and an app payment's synchronous SDK result are headed the same way. Say which: `access = \"server\"` (the table is the XML answer), `access = \"app\"` (it is the app SDK's result: `resultStatus`, `result`, `memo`) or `access = \"page\"` in the declaration (`--access server|app|page` for `alipay-mapi gen`), or a line `访问形式：服务器调用` / `客户端调用` / `页面跳转` in the document"
        ))
        .at(line),
    );
}

/// Checks a parsed document against the service name given to the macro.
///
/// * at least one of the request, return, notification and answer tables
///   must exist (a document with only some of them declares only those;
///   the error lists the tables that were found otherwise);
/// * base parameters ([`REQUEST_BASE_PARAMS`], [`RESPONSE_BASE_PARAMS`],
///   [`NOTIFY_BASE_PARAMS`]) are moved out of the business fields;
/// * the `service` row's example (when present) and the document's
///   `服务名` line (when present) must equal `service`;
/// * field identifiers must be unique in each table, variant names unique
///   among error codes (and never `Unknown`).
///
/// All problems are returned together.
pub fn check(
    service: &str,
    mut doc: Document,
    options: &Options,
) -> Result<Interface, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    if options.access == Some(Access::Server) {
        diags.extend(crate::syntax::answer_from_response(&mut doc));
    }
    if !valid_service(service) {
        diags.push(
            Diagnostic::new(format!(
                "service name `{service}` is not a gateway service name (expected e.g. `sns.cae.sign.customer`)"
            ))
            .cell(service),
        );
    }
    if let Some((line, declared)) = &doc.service {
        if declared != service {
            diags.push(
                Diagnostic::new(format!(
                    "the document's service name `{declared}` does not match the declared service `{service}`"
                ))
                .at(*line)
                .cell(declared.clone()),
            );
        }
    }
    let has_request = doc.request.is_some();
    let (request, request_base) = match &doc.request {
        Some(table) => split(table, REQUEST_BASE_PARAMS, &mut diags),
        None => {
            if doc.response.is_none() && doc.notify.is_none() && doc.answer.is_none() {
                diags.push(Diagnostic::new(no_table_message(&doc)));
            }
            (Vec::new(), Vec::new())
        }
    };
    if let Some(p) = request_base.iter().find(|p| p.name == "service") {
        if let Some(example) = &p.example {
            // A cell wrapped mid-word in a PDF may read with a space at the
            // wrap (`refund_fastpay_by_p latform_pwd`): a service name has
            // none.
            let squeezed: String = example.split_whitespace().collect();
            if squeezed != service {
                diags.push(
                    Diagnostic::new(format!(
                        "the example `{example}` of the service row does not match the declared service `{service}`"
                    ))
                    .at(p.line)
                    .param("service")
                    .cell(example.clone()),
                );
            }
        }
    }
    let (response, response_base) = match &doc.response {
        Some(t) => {
            let (f, b) = split(t, RESPONSE_BASE_PARAMS, &mut diags);
            (Some(f), b)
        }
        None => (None, Vec::new()),
    };
    let (notify, notify_base) = match &doc.notify {
        Some(t) => {
            let (f, b) = split(t, NOTIFY_BASE_PARAMS, &mut diags);
            (Some(f), b)
        }
        None => (None, Vec::new()),
    };
    let answer = doc.answer.as_ref().map(|t| answer_fields(t, &mut diags));
    let stated = options.access.or(doc.access.map(|(_, a)| a));
    if let (None, None, Some(line)) = (stated, &answer, doc.response_unsure) {
        unsure_return(&doc, line, &mut diags);
    }
    let access = stated.unwrap_or(if answer.is_some() {
        Access::Server
    } else {
        Access::Page
    });
    // A server call has no page-redirect return. A return table beside its
    // answer that lists only the `<alipay>` envelope (`is_success`, `sign`,
    // `sign_type`, `error`: the official documents' `返回参数` above
    // `业务参数返回`) is that envelope, which the runtime reads; one with
    // business rows cannot be told from the answer.
    let response = match (access, response) {
        (Access::Server, Some(fields)) if fields.is_empty() => None,
        (Access::Server, Some(fields)) => {
            let line = doc.response.as_ref().map_or(0, |t| t.header_line);
            diags.push(
                Diagnostic::new(format!(
                    "the table at line {line} is read as a page-redirect return, but this interface is a server call (it has an XML answer, or says so): a server call returns no page. If the table is the answer's, head it `业务参数返回` / `XML返回结果` (or leave only one return table); if the interface is a page call, say `access = \"page\"` (`--access page` for `alipay-mapi gen`)"
                ))
                .at(line),
            );
            Some(fields)
        }
        (_, response) => response,
    };
    let (response, sdk_result) = app_tables(&doc, access, response, answer.is_some(), &mut diags);
    let errors = code_variants(
        doc.errors.as_deref().unwrap_or_default(),
        "error code",
        &mut diags,
    );
    let sdk_codes = sdk_codes(&doc, access, &mut diags);
    let mut request = request;
    stated_groups_are_optional(&mut request);
    let one_of = one_of_groups(&request, &options.one_of, &mut diags);
    let either = either_groups(&request, &options.either, &mut diags);
    if !diags.is_empty() {
        diags.sort_by_key(|d| d.line);
        return Err(diags);
    }
    Ok(Interface {
        service: service.to_owned(),
        request,
        has_request,
        request_base,
        response,
        response_base,
        notify,
        notify_base,
        errors,
        sdk_codes,
        length_rule: options.length_rule,
        answer,
        sdk_result,
        access,
        one_of,
        either,
    })
}

/// The variants of a code table's rows: duplicates and codes whose variant
/// names collide are errors at their line. `what` names a code in messages.
fn code_variants(
    specs: &[ErrorCodeSpec],
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ErrorVariant> {
    let mut variants: Vec<ErrorVariant> = Vec::new();
    let mut idents: HashMap<String, (String, usize)> = HashMap::new();
    let mut codes: HashMap<String, usize> = HashMap::new();
    for spec in specs {
        if let Some(first) = codes.get(&spec.code) {
            diags.push(
                Diagnostic::new(format!(
                    "duplicate {what} `{}` (first at line {first}, again at line {})",
                    spec.code, spec.line
                ))
                .at(spec.line)
                .cell(spec.code.clone()),
            );
            continue;
        }
        codes.insert(spec.code.clone(), spec.line);
        let ident = error_variant_ident(&spec.code);
        if let Some((other, first)) = idents.get(&ident) {
            diags.push(
                Diagnostic::new(format!(
                    "{what} `{}` and {what} `{other}` (line {first}) both map to the variant `{ident}`",
                    spec.code
                ))
                .at(spec.line)
                .cell(spec.code.clone()),
            );
            continue;
        }
        idents.insert(ident.clone(), (spec.code.clone(), spec.line));
        variants.push(ErrorVariant {
            code: spec.code.clone(),
            ident,
            meaning: spec.meaning.clone(),
            line: spec.line,
        });
    }
    variants
}

/// The app SDK's result codes (a table headed `客户端错误码`, `SDK 返回码`,
/// `resultStatus 状态码`…: the values of the in-app result's
/// `resultStatus`), which are never the gateway's error codes:
///
/// * in an app payment ([`Access::App`]) they become
///   [`Interface::sdk_codes`]; a code that the error table lists too is an
///   error at the error table's row (a code cannot be both what the
///   gateway reports and what the app's SDK reports: a document whose
///   error table copies the SDK's codes needs mending);
/// * in any other interface there is no app SDK to report them: the table
///   is an error at its first row.
fn sdk_codes(doc: &Document, access: Access, diags: &mut Vec<Diagnostic>) -> Vec<ErrorVariant> {
    let Some(specs) = doc.sdk_codes.as_deref() else {
        return Vec::new();
    };
    let heading = doc.sdk_codes_heading.as_deref().unwrap_or("");
    let first = specs.first().map_or(0, |s| s.line);
    if access != Access::App {
        diags.push(
            Diagnostic::new(format!(
                "the code table at line {first} stands under `{heading}`, which names an app SDK's result codes (the `resultStatus` of an in-app payment), but this interface is a {} call, with no app SDK: they cannot be its gateway error codes. Head the gateway's error codes `错误代码` / `业务错误码`; if the interface is an app payment, say `access = \"app\"` (`--access app` for `alipay-mapi gen`)",
                match access {
                    Access::Server => "server",
                    _ => "page",
                }
            ))
            .at(first),
        );
        return Vec::new();
    }
    for spec in doc.errors.iter().flatten() {
        if let Some(sdk) = specs.iter().find(|s| s.code == spec.code) {
            diags.push(
                Diagnostic::new(format!(
                    "error code `{}` is also an app SDK result code (line {}, under `{heading}`): the gateway's error codes and the SDK's `resultStatus` values are not the same list, and one code cannot be both. If the error table repeats the SDK's codes, remove those rows from it (or head that table as the SDK's codes)",
                    spec.code, sdk.line
                ))
                .at(spec.line)
                .cell(spec.code.clone()),
            );
        }
    }
    code_variants(specs, "SDK result code", diags)
}

/// An app payment ([`Access::App`]) has neither a page-redirect return nor
/// an XML answer: the merchant's server never calls the gateway and no page
/// comes back to it. Its document's synchronous-result table (`同步通知参数`,
/// `同步返回`: `resultStatus`, `result`, `memo`) is what the app's SDK reports
/// inside the app, and becomes the SDK result, every row kept (so does the
/// declaration's inline `response`); a return table whose heading names the
/// page redirect or that has the page return's `is_success`, and an answer
/// table, are errors at their line. Gives the return and the SDK result.
fn app_tables(
    doc: &Document,
    access: Access,
    response: Option<Vec<Field>>,
    has_answer: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Vec<Field>>, Option<Vec<Field>>) {
    if access != Access::App {
        return (response, None);
    }
    if let (true, Some(table)) = (has_answer, &doc.answer) {
        diags.push(
            Diagnostic::new(format!(
                "the table at line {} is a server call's XML answer, but this interface is an app payment (the signed order string is handed to the app's SDK): the merchant's server never calls the gateway, so no XML answer comes back. If the interface is a server call, say `access = \"server\"` (`--access server` for `alipay-mapi gen`, or `访问形式：服务器调用` in the document)",
                table.header_line
            ))
            .at(table.header_line),
        );
    }
    let Some(table) = &doc.response else {
        return (response, None);
    };
    let heading = doc.response_heading.as_deref();
    let redirect = heading.filter(|h| names_page_return(h));
    let is_success = table.params.iter().any(|p| p.name == "is_success");
    match (redirect, is_success) {
        (None, false) => {
            // Every row: the SDK result has no base parameters to leave to
            // the runtime. Problems of the rows were reported by the split
            // into `response` already.
            let (fields, _) = split(table, &[], &mut Vec::new());
            (None, Some(fields))
        }
        (redirect, _) => {
            let said = redirect.map_or_else(
                || "it has the page return's `is_success`".to_owned(),
                |h| format!("its heading `{h}` names the page redirect"),
            );
            diags.push(
                Diagnostic::new(format!(
                    "the table at line {} is a page-redirect return ({said}), but this interface is an app payment (the signed order string is handed to the app's SDK): no page comes back to a return URL. An app's synchronous result belongs under a heading such as `同步通知参数` / `同步返回`; if the interface is a page call, say `access = \"page\"` (`--access page` for `alipay-mapi gen`, or `访问形式：页面跳转` in the document)",
                    table.header_line
                ))
                .at(table.header_line),
            );
            (response, None)
        }
    }
}

/// The request's "at least one of" groups: the choices the remarks state
/// ([`stated_choices`]: `与X二选一`, `X和Y不能同时为空`, `X、Y、Z至少传递一个`,
/// `One of X, Y must be given`), of their optional parameters, then the
/// declaration's `one_of`. Each group in
/// table order, duplicates dropped. A name of `declared` that is not an
/// optional request parameter is an error.
fn one_of_groups(
    request: &[Field],
    declared: &[Vec<String>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    let position = |name: &str| request.iter().position(|f| f.param.name == name);
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut add = |mut group: Vec<String>| {
        group.sort_by_key(|n| position(n));
        group.dedup();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    };
    // Stated in the remarks: the optional parameters of each choice (the
    // required ones are no part of it, see `stated_groups_are_optional`).
    for (_, group) in stated_choices(request) {
        let optional: Vec<String> = group
            .into_iter()
            .filter(|n| {
                request
                    .iter()
                    .any(|f| f.param.name == *n && f.param.nullable)
            })
            .collect();
        add(optional);
    }
    for group in declared {
        let mut ok = true;
        for name in group {
            ok &= optional_in(request, name, "one_of", "a one-of", diags);
        }
        if ok {
            add(group.clone());
        }
    }
    groups
}

/// Whether `name`, named by the declaration's `argument` (`one_of`,
/// `either`), is an optional business parameter of the request table; if
/// not, says why (`group`: "a one-of", "an either").
fn optional_in(
    request: &[Field],
    name: &str,
    argument: &str,
    group: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let message = match request.iter().find(|f| f.param.name == name) {
        Some(f) if f.param.nullable => return true,
        Some(_) => format!(
            "{argument} names `{name}`, which the request table marks required: {group} group holds optional parameters"
        ),
        None => format!(
            "{argument} names `{name}`, which is not a business parameter of the request table"
        ),
    };
    diags.push(Diagnostic::new(message));
    false
}

/// The declaration's `either` groups, checked: every name an optional
/// business parameter of the request table, none named twice in a group.
fn either_groups(
    request: &[Field],
    declared: &[Vec<Vec<String>>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Vec<String>>> {
    let mut groups = Vec::new();
    for group in declared {
        let mut ok = true;
        let mut seen: Vec<&str> = Vec::new();
        for name in group.iter().flatten() {
            if seen.contains(&name.as_str()) {
                ok = false;
                diags.push(Diagnostic::new(format!(
                    "either names `{name}` twice in one group: each parameter belongs to one alternative"
                )));
                continue;
            }
            seen.push(name);
            ok &= optional_in(request, name, "either", "an either", diags);
        }
        if ok && !groups.contains(group) {
            groups.push(group.clone());
        }
    }
    groups
}

/// Parameters a row's remarks name as a choice (`seller_email和
/// seller_user_id两者必填一个`) when the nullability column marks every one
/// of them required: the official documents mark both members of such a
/// pair `不可空` and state the rule in the remarks. Both cannot be so (one
/// of two required ones is no choice), and the remarks are the more exact:
/// the members become optional and make a one-of group ([`stated_choices`]),
/// so a request with none of them is still refused. Where some members are
/// marked optional, the column stands and the required ones are no part
/// of the choice.
fn stated_groups_are_optional(request: &mut [Field]) {
    let required = |name: &str| {
        request
            .iter()
            .any(|f| f.param.name == name && !f.param.nullable)
    };
    let mut choices: Vec<String> = Vec::new();
    // Stated on a member's own row: a third row's remark weighs less than
    // the column's marks.
    for (row, group) in stated_choices(request) {
        if group.iter().any(|n| *n == row) && group.iter().all(|n| required(n)) {
            choices.extend(group);
        }
    }
    for f in request.iter_mut() {
        if choices.contains(&f.param.name) {
            f.param.nullable = true;
        }
    }
}

/// The choices the request's remarks state, with the row that states each:
/// the parameters one of which is to be given, in the order named (see
/// [`choice_subjects`]).
fn stated_choices(request: &[Field]) -> Vec<(&str, Vec<String>)> {
    let names: Vec<&str> = request.iter().map(|f| f.param.name.as_str()).collect();
    let mut out = Vec::new();
    for row in request {
        for sentence in choice_sentences(&row.param.description) {
            if let Some(group) = choice_subjects(sentence, &row.param.name, &names) {
                out.push((row.param.name.as_str(), group));
            }
        }
    }
    out
}

/// The parameters a sentence of `row`'s remarks makes a choice of: the
/// names written just before its choice words, joined only by separators
/// (`seller_id、seller_email、seller_account_name三个参数至少必须传递一个`,
/// `seller_email和seller_user_id两者必填一个`, `trade_no和out_trade_no不能同时为空`
/// on any row); or, for a pair word (`与 out_trade_no 二选一`,
/// `和c_alt不能同时为空`), the one name before it and the row itself. In
/// English, the names after `one of`, or X and Y of `either X or Y` when
/// both are parameters. Names elsewhere in the sentence play another role
/// (`笔数必须与batch_num一致`) and are no part of it; a `至少…` word needs
/// two names before it (`与gmt_start_time之间至少需要一个小时` is a bound).
fn choice_subjects(sentence: &str, row: &str, names: &[&str]) -> Option<Vec<String>> {
    let lower = sentence.to_ascii_lowercase();
    let is_name = |w: &str| names.contains(&w);
    let words = |text: &str| -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let part = c.is_ascii_alphanumeric() || c == '_';
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    if let Some(w) = text.get(a..i) {
                        out.push((a, w.to_owned()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    if lower.is_ascii() {
        let found = words(sentence);
        if let Some(at) = lower.find("one of") {
            let named: Vec<String> = found
                .iter()
                .filter(|(i, w)| *i > at && is_name(w))
                .map(|(_, w)| w.clone())
                .collect();
            return choice_of(named);
        }
        let either = found
            .iter()
            .position(|(_, w)| w.eq_ignore_ascii_case("either"))?;
        let x = found.get(either + 1)?;
        let or = found.get(either + 2)?;
        let y = found.get(either + 3)?;
        return (is_name(&x.1) && or.1.eq_ignore_ascii_case("or") && is_name(&y.1))
            .then(|| vec![x.1.clone(), y.1.clone()]);
    }
    // Each choice word in turn, from the first: an earlier one may be a
    // bound or a value's (`至少需要16位，与out_trade_no二选一`).
    let mut at_words: Vec<(usize, &str)> = CHOICE_WORDS
        .iter()
        .flat_map(|w| lower.match_indices(w).map(move |(i, _)| (i, *w)))
        .filter(|&(i, w)| !w.starts_with("至少") || one_of_them(lower.get(i..).unwrap_or(""), w))
        .collect();
    at_words.sort_unstable();
    at_words
        .into_iter()
        .find_map(|(at, word)| subjects_before(sentence.get(..at)?, word, row, &words, &is_name))
}

/// The members of a choice whose words `word` follow `before`: the run of
/// names ending just before them (see [`choice_subjects`]).
fn subjects_before(
    before: &str,
    word: &str,
    row: &str,
    words: &dyn Fn(&str) -> Vec<(usize, String)>,
    is_name: &dyn Fn(&str) -> bool,
) -> Option<Vec<String>> {
    let found: Vec<(usize, String)> = words(before)
        .into_iter()
        .filter(|(_, w)| is_name(w))
        .collect();
    // The run of names ending just before the choice word: between two of
    // them only separators, after the last a few characters (`两者`,
    // `三个参数`).
    let separator = |gap: &str| {
        gap.chars()
            .all(|c| c.is_whitespace() || "、，,和与或及以".contains(c) || c == '/')
    };
    let mut run: Vec<String> = Vec::new();
    let mut end = before.len();
    for (i, w) in found.iter().rev() {
        let gap = before.get(i + w.len()..end).unwrap_or("");
        let ok = if run.is_empty() {
            gap.chars().count() <= 6 && !gap.contains(['，', '。', ','])
        } else {
            separator(gap)
        };
        if !ok {
            break;
        }
        run.insert(0, w.clone());
        end = *i;
    }
    // `至少…` with one name: only in the pair form `与X至少给一个`.
    let paired = run.len() == 1 && {
        // The run's one name is the last name found.
        let first = found.last().map_or(0, |(i, _)| *i);
        before
            .get(..first)
            .is_some_and(|b| b.trim_end().ends_with(['与', '和']))
    };
    if word.starts_with("至少") && run.len() < 2 && !paired {
        return None;
    }
    choice_of(match run.len() {
        0 => return None,
        // `与X二选一` on row Y: X and Y.
        1 => vec![row.to_owned(), run.remove(0)],
        _ => run,
    })
}

/// Names of a choice, a name repeated side by side once: a choice when two
/// or more remain.
fn choice_of(mut names: Vec<String>) -> Option<Vec<String>> {
    names.dedup();
    (names.len() > 1).then_some(names)
}

/// The sentences of remarks that state a choice among parameters (one of
/// them must be given): see [`choice_subjects`].
fn choice_sentences(description: &str) -> impl Iterator<Item = &str> {
    description
        .split(['。', '；', ';', '\n', '.'])
        .filter(|sentence| {
            let lower = sentence.to_ascii_lowercase();
            // `至少…` bounds as often as it chooses (`至少需要一笔付款`,
            // `至少传入6位`): only with "one of them" (`至少传递一个`) is it
            // a choice.
            let says = CHOICE_WORDS
                .iter()
                .any(|w| lower.contains(w) && (!w.starts_with("至少") || one_of_them(&lower, w)));
            // A choice denied, compared or supposed is none (`不是二选一`,
            // `与查询接口…二选一不同`, `若…二选一时`).
            if ["不是", "并非", "不同", "若", "如果", "假如"]
                .iter()
                .any(|w| sentence.contains(w))
            {
                return false;
            }
            // English needs the "one of" / "either" that makes it a choice.
            let chooses = !lower.is_ascii()
                || lower.contains("one of")
                || (lower.contains("either") && lower.contains(" or "));
            says && chooses
        })
}

/// Whether the `至少…` word `word` of `sentence` is followed by "one of
/// them" (`至少传递一个`, `至少有一项不为空`), not by a count of something
/// (`至少需要一个小时`, `至少一个商品`).
fn one_of_them(sentence: &str, word: &str) -> bool {
    let Some(at) = sentence.find(word) else {
        return false;
    };
    let rest = sentence.get(at..).unwrap_or("");
    ["一个", "其一", "之一", "一项"].iter().any(|one| {
        rest.match_indices(one).any(|(i, _)| {
            let after = rest.get(i + one.len()..).unwrap_or("").trim_start();
            i <= word.len() + 12
                && (after.is_empty()
                    || after.starts_with(|c: char| "，。；,;.()（）！!".contains(c))
                    || ["不为空", "参数", "字段", "即可", "值", "不能为空"]
                        .iter()
                        .any(|w| after.starts_with(w)))
        })
    })
}

/// Words that make a sentence of remarks a choice among parameters.
const CHOICE_WORDS: &[&str] = &[
    "不能同时为空",
    "不可同时为空",
    "不能都为空",
    "不可都为空",
    "不能全部为空",
    "不可全部为空",
    "不能全为空",
    "不可全为空",
    "至少有一项不为空",
    "至少一项不为空",
    "二选一",
    "三选一",
    "多选一",
    "任选一",
    "任选其一",
    "至少传",
    "至少必须传",
    "至少填",
    "至少提供",
    "至少需要",
    "至少一个",
    "至少有一个",
    "至少给一个",
    "至少给出一个",
    "至少要",
    "必填其一",
    "选其一",
    "择一",
    "其中一个",
    "其中之一",
    "必须传递一个",
    "必须传入一个",
    "必填一个",
    "必须填写一个",
    "at least one of",
    "is required",
    "must be given",
    "must be provided",
    "must be sent",
];

/// No usable table: say what was looked for and what the document holds.
fn no_table_message(doc: &Document) -> String {
    let mut found: Vec<String> = doc
        .others
        .iter()
        .map(|(line, what)| format!("line {line}: {what}"))
        .collect();
    if let Some(errors) = &doc.errors {
        let line = errors.first().map_or(0, |e| e.line);
        found.push(format!(
            "line {line}: the error-code table ({} code{})",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
    }
    let found = if found.is_empty() {
        "no parameter table at all".to_owned()
    } else {
        format!("found only {}", found.join("; "))
    };
    format!(
        "no request, return, notification or answer table (expected a section such as `请求参数` / `Request parameters` with a table of 参数名, 类型, 可空…); {found}"
    )
}

fn valid_service(service: &str) -> bool {
    !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
}

/// Separates base parameters from business fields and names the fields.
fn split(table: &Table, base: &[&str], diags: &mut Vec<Diagnostic>) -> (Vec<Field>, Vec<Param>) {
    let mut fields = Vec::new();
    let mut base_params = Vec::new();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for p in &table.params {
        if base.contains(&p.name.as_str()) {
            base_params.push(p.clone());
            continue;
        }
        let ident = field_ident(&p.name);
        if let Some((other, line)) = seen.get(&ident) {
            diags.push(
                Diagnostic::new(format!(
                    "`{}` and `{other}` (line {line}) both map to the Rust field `{ident}`",
                    p.name
                ))
                .at(p.line)
                .param(p.name.clone())
                .cell(p.name.clone()),
            );
            continue;
        }
        seen.insert(ident.clone(), (p.name.clone(), p.line));
        fields.push(Field {
            param: p.clone(),
            ident,
        });
    }
    (fields, base_params)
}

/// The business fields of an answer table, with their element paths.
///
/// A row whose path is empty and whose name is dotted (`trade.trade_no`,
/// `trade.item[].price`) is split into path and name here, so an inline
/// table and a parsed document read alike. Top-level `is_success`, `sign`,
/// `sign_type` and `error` are left out (they sit outside `<response>`).
/// Identifiers must be unique in each element, not in the whole table, and
/// the paths must form one tree ([`answer_tree`]).
fn answer_fields(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<Field> {
    let mut fields = Vec::new();
    for p in &table.params {
        let mut p = p.clone();
        if p.path.is_empty() && p.name.contains('.') {
            let mut steps: Vec<String> = p.name.split('.').map(str::to_owned).collect();
            p.name = steps.pop().unwrap_or_default();
            p.path = steps;
        }
        if p.path.is_empty() && ANSWER_BASE_PARAMS.contains(&p.name.as_str()) {
            continue;
        }
        if p.name.is_empty() || p.name == "[]" {
            diags.push(
                Diagnostic::new(
                    "the row names an element but no leaf (expected e.g. `trade.trade_no`)",
                )
                .at(p.line)
                .param(p.name.clone()),
            );
            continue;
        }
        let ident = field_ident(&p.name);
        fields.push(Field { param: p, ident });
    }
    if let Err(more) = answer_tree(&fields) {
        diags.extend(more);
    }
    fields
}

/// [`parse_document`](crate::parse_document) then [`check()`], with the diagnostics of both (the
/// check runs on whatever parsed, so one call reports everything).
pub fn parse_and_check(
    service: &str,
    text: &str,
    options: &Options,
) -> Result<Interface, Vec<Diagnostic>> {
    let (doc, mut diags) = parse_document_parts(text, options.access);
    match check(service, doc, options) {
        Ok(interface) if diags.is_empty() => Ok(interface),
        Ok(_) => Err(diags),
        Err(more) => {
            diags.extend(more);
            diags.sort_by_key(|d| d.line);
            Err(diags)
        }
    }
}
