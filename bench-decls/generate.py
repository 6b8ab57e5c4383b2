#!/usr/bin/env python3
"""Generates the declarations-at-scale benchmark (issue #6, target 3).

Writes, under bench-decls/target-crates/ (git-ignored; this script is the
source of truth):

* macro_decls/     a standalone crate declaring N synthetic interfaces with
                   #[alipay_mapi::alipay_service("…", doc = "docs/….md")];
* expanded_decls/  the same crate with every declaration replaced by its
                   expansion, formatted (what writing the code out by hand
                   gives), produced by `cargo run --example expand_doc`
                   (codegen/examples/expand_doc.rs, a stand-in for
                   `cargo expand`).

Each interface document is in the format of
interfaces/docs/sns.cae.sign.customer.md: tab-separated tables under the
headings `3、请求参数说明` (base parameters service, partner,
_input_charset, sign_type, sign, then P business parameters: String(n),
String, Number, Number(p,s), Date; 可空 N or Y; Chinese labels),
`5.1 页面跳转返回的参数列表` (is_success, sign_type, sign and a few business
fields) and `5.2 错误代码` (8 codes). Everything is derived from a fixed
seed: two runs write the same bytes.

Usage:
    python3 bench-decls/generate.py                # 100 interfaces x 20 parameters
    python3 bench-decls/generate.py -n 10 -p 20    # smaller
    python3 bench-decls/generate.py --fixture codegen/benches/synthetic_20.md
                                   # only write interface 0's document there
"""

import argparse
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(HERE, "target-crates")
SEED = 20261127

# (name part, Chinese label part)
SUBJECTS = [
    ("out", "商户"), ("buyer", "买家"), ("seller", "卖家"), ("trade", "交易"),
    ("goods", "商品"), ("refund", "退款"), ("royalty", "分润"), ("agent", "代理人"),
    ("biz", "业务"), ("user", "用户"), ("order", "订单"), ("pay", "支付"),
    ("product", "产品"), ("shop", "店铺"), ("item", "明细"), ("account", "账户"),
    ("channel", "渠道"), ("logistics", "物流"), ("receive", "收货"), ("operator", "操作员"),
    ("discount", "折扣"), ("coupon", "红包"), ("card", "卡"), ("contract", "协议"),
]
# (name part, Chinese label part, kind) — kind picks the type column.
ATTRIBUTES = [
    ("no", "编号", "str"), ("id", "ID", "str"), ("email", "邮箱", "str"),
    ("name", "名称", "str"), ("amount", "金额", "num"), ("fee", "费用", "num"),
    ("time", "时间", "date"), ("type", "类型", "str"), ("status", "状态", "str"),
    ("desc", "描述", "text"), ("url", "地址", "str"), ("code", "代码", "str"),
    ("count", "数量", "num"), ("price", "单价", "num"), ("memo", "备注", "text"),
    ("date", "日期", "date"), ("limit", "限额", "num"), ("phone", "电话", "str"),
    ("address", "地址", "text"), ("mode", "方式", "str"),
]
DESCRIPTIONS = {
    "str": ["由合作伙伴系统生成，在同一合作伙伴下唯一", "多个值之间用英文逗号分隔",
            "Returned unchanged in the notification", "以支付宝系统中的记录为准"],
    "text": ["最长为128个汉字", "The value as shown to the buyer on the cashier page",
             "可选，不传时使用签约时的默认值"],
    "num": ["取值范围为[0.01，100000000.00]，精确到小数点后两位", "仅当业务类型为担保交易时有效",
            "单位为元"],
    "date": ["格式为yyyy-MM-dd HH:mm:ss", "以支付宝系统中的记录为准"],
}
ERROR_CODES = [
    ("ILLEGAL_SIGN", "签名不正确"), ("ILLEGAL_ARGUMENT", "参数不正确"),
    ("ILLEGAL_PARTNER", "合作伙伴ID不正确"), ("HAS_NO_PRIVILEGE", "无权访问该接口"),
    ("ILLEGAL_SERVICE", "请求的接口信息不存在"), ("SYSTEM_ERROR", "支付宝系统错误"),
    ("SESSION_TIMEOUT", "连接超时错误"), ("TRADE_NOT_EXIST", "交易不存在"),
    ("ILLEGAL_CHARSET", "字符集不合法"), ("ILLEGAL_PAYMENT_TYPE", "支付类型不正确"),
    ("ILLEGAL_EMAIL_FORMAT", "邮箱格式不正确"), ("TOTAL_FEE_EXCEED", "金额超过上限"),
    ("ACCOUNT_NOT_EXIST", "账户不存在"), ("DUPLICATE_OUT_NO", "商户编号重复"),
    ("USER_NOT_EXIST", "用户不存在"), ("CONTRACT_EXPIRED", "协议已过期"),
]
DOMAINS = ["trade", "refund", "user", "royalty", "logistics", "account", "coupon", "card"]
VERBS = ["create", "query", "close", "apply", "sync", "notify", "sign", "cancel"]


def value_example(rnd, name, kind, max_len):
    if kind == "num":
        return f"{rnd.randint(1, 99999)}.{rnd.randint(0, 99):02d}"
    if kind == "date":
        return f"2011-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d} {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:{rnd.randint(0, 59):02d}"
    if name.endswith("email"):
        return f"user{rnd.randint(1, 999)}@example.com"
    if name.endswith("url"):
        return f"http://www.example.com/{name}/{rnd.randint(1, 99)}"
    if kind == "text":
        return "示例" + "文本" * rnd.randint(1, 3)
    digits = str(rnd.randint(10**9, 10**12))
    return digits[: max_len] if max_len else digits


def interface(index, params):
    """(service, document text) of synthetic interface `index`."""
    rnd = random.Random(SEED * 1000 + index)
    service = f"bench.{DOMAINS[index % len(DOMAINS)]}.{VERBS[(index // len(DOMAINS)) % len(VERBS)]}.n{index:03d}"
    combos = [(s, a) for s in SUBJECTS for a in ATTRIBUTES]
    rnd.shuffle(combos)
    rows = []
    for (sname, slabel), (aname, alabel, kind) in combos[:params]:
        name = f"{sname}_{aname}"
        label = slabel + alabel
        roll = rnd.random()
        if kind == "num":
            ty = "Number" if roll < 0.6 else "Number(10,2)"
            max_len = 10 if roll >= 0.6 else None
        elif kind == "date":
            ty, max_len = "Date", None
        elif roll < 0.15:
            ty, max_len = "String", None
        else:
            if kind == "text" or aname in ("url", "email"):
                max_len = rnd.choice([64, 100, 128, 256, 400])
            else:
                max_len = rnd.choice([1, 6, 16, 32, 64, 100, 200])
            ty = f"String({max_len})"
        nullable = "Y" if rnd.random() < 0.4 else "N"
        description = rnd.choice(DESCRIPTIONS[kind])
        example = value_example(rnd, name, kind, max_len)
        rows.append((label, name, ty, description, nullable, example, kind))

    header = "参数说明\t参数名\t类型(精度)\t备注\t可空\t样例"
    out = [
        "",
        f"**Synthetic interface {index:03d}** (generated by bench-decls/generate.py)",
        "",
        f"**服务名:** {service}",
        "",
        "## 1、功能描述",
        "",
        "A synthetic interface of the declarations-at-scale benchmark: its tables have the shape of the gateway's documents; the contents are random.",
        "",
        "## 3、请求参数说明",
        "",
        header,
        "基本参数\t\t\t\t\t",
        f"接口名称\tservice\tString(128)\t接口名称\tN\t{service}",
        "合作者身份ID\tpartner\tString(16)\t签约的支付宝账号对应的支付宝唯一用户号\tN\t2088101011913539",
        "参数编码字符集\t_input_charset\tString(6)\t商户网站使用的编码格式，如utf-8、gbk、gb2312等\tN\tutf-8",
        "签名方式\tsign_type\tString(3)\tDSA、RSA、MD5三个值可选，必须大写\tN\tMD5",
        "签名\tsign\tString(100)\t请参见签名机制\tN\t7d314d22efba4f336fb187697793b9d2",
        "业务参数\t\t\t\t\t",
    ]
    out += ["\t".join(r[:6]) for r in rows]
    returned = rnd.sample(rows, k=rnd.randint(3, 5))
    out += [
        "",
        "## 4、请求URL样例",
        "",
        f"https://mapi.alipay.com/gateway.do?service={service}&...",
        "",
        "## 5、请求输出参数",
        "",
        "## 5.1 页面跳转返回的参数列表",
        "",
        header,
        "<b>基本参数</b>\t\t\t\t\t",
        "成功标识\tis_success\tString(1)\t表示接口调用是否成功，并不表明业务处理结果\tN\tT",
        "签名方式\tsign_type\tString(3)\tDSA、RSA、MD5三个值可选，必须大写\tN\tMD5",
        "签名\tsign\tString(32)\t请参见签名机制\tN\tb1af584504b8e845ebe40b8e0e733729",
        "<b>业务参数</b>\t\t\t\t\t",
    ]
    out += ["\t".join(r[:6]) for r in returned]
    codes = rnd.sample(ERROR_CODES, k=8)
    out += ["", "## 5.2 错误代码", "", "错误代码\t说明"]
    out += [f"{code}\t{meaning}" for code, meaning in codes]
    out += ["", "## 6、注意事项", "", "- 1) Generated; not a real interface.", ""]
    return service, "\n".join(out)


def module_name(service):
    return service.replace(".", "_")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def cargo_toml(name, description):
    return f"""# Generated by bench-decls/generate.py; do not edit.
[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false
description = "{description}"

[dependencies]
alipay-mapi = {{ path = "../../.." }}

# Standalone: not a member of the repository's workspace.
[workspace]
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--interfaces", type=int, default=100)
    ap.add_argument("-p", "--params", type=int, default=20, help="business parameters per interface")
    ap.add_argument("--fixture", metavar="PATH", help="only write interface 0's document to PATH")
    args = ap.parse_args()

    if args.fixture:
        _, text = interface(0, args.params)
        write(args.fixture, text)
        return 0

    docs = [interface(i, args.params) for i in range(args.interfaces)]
    crates = {
        "macro_decls": "declared with #[alipay_service]",
        "expanded_decls": "written out: the expansion of macro_decls, formatted",
    }
    for crate in crates:
        root = os.path.join(OUT, crate)
        for sub in ("src", "docs"):
            shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
        write(os.path.join(root, "Cargo.toml"),
              cargo_toml(crate, f"alipay-mapi benchmark: {args.interfaces} synthetic interfaces {crates[crate]}"))
        # The repository's lock file: both crates build the same dependency
        # versions (cargo drops the entries they do not use).
        shutil.copyfile(os.path.join(REPO, "Cargo.lock"), os.path.join(root, "Cargo.lock"))
        for service, text in docs:
            write(os.path.join(root, "docs", f"{service}.md"), text)

    lib = [
        f"//! {args.interfaces} synthetic interfaces of {args.params} business parameters each,",
        "//! generated by bench-decls/generate.py (do not edit).",
        "",
    ]
    for service, _ in docs:
        lib += [
            f"/// `{service}`.",
            f'#[alipay_mapi::alipay_service("{service}", doc = "docs/{service}.md")]',
            f"pub mod {module_name(service)} {{}}",
            "",
        ]
    lib += ["/// Every interface declared here.",
            "pub static SERVICES: &[&alipay_mapi::ServiceSpec] = &["]
    lib += [f"    &{module_name(service)}::SPEC," for service, _ in docs]
    lib += ["];", ""]
    macro_lib = os.path.join(OUT, "macro_decls", "src", "lib.rs")
    write(macro_lib, "\n".join(lib))

    # The written-out twin: the same file with each declaration expanded,
    # against the twin's own copy of docs/ (the expansion's include_str!
    # names the document by absolute path).
    expanded_dir = os.path.join(OUT, "expanded_decls")
    cmd = ["cargo", "run", "--quiet", "--manifest-path", os.path.join(REPO, "Cargo.toml"),
           "-p", "alipay-mapi-codegen", "--example", "expand_doc", "--",
           "--file", expanded_dir, macro_lib]
    result = subprocess.run(cmd, stdout=subprocess.PIPE)
    if result.returncode != 0:
        print("generate.py: expand_doc failed", file=sys.stderr)
        return 1
    write(os.path.join(expanded_dir, "src", "lib.rs"), result.stdout.decode("utf-8"))

    def lines(path):
        with open(path, encoding="utf-8") as f:
            return sum(1 for _ in f)
    doc_lines = sum(lines(os.path.join(OUT, "macro_decls", "docs", f"{s}.md")) for s, _ in docs)
    print(f"generated {args.interfaces} interfaces x {args.params} parameters under {os.path.relpath(OUT, REPO)}/: "
          f"macro_decls/src/lib.rs {lines(macro_lib)} lines (+ {doc_lines} lines of docs), "
          f"expanded_decls/src/lib.rs {lines(os.path.join(expanded_dir, 'src', 'lib.rs'))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
