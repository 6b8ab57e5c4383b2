#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets from the project's test fixtures.

    python3 fuzz/make_seeds.py [OUT]      # OUT defaults to fuzz/corpus

Each seed is named `seed-<what>` so that it stays recognisable next to the
inputs libFuzzer adds (named by their SHA-1). The committed corpus
(fuzz/corpus/<target>/) is these seeds plus what the fuzzers found, minimised
with `cargo fuzz cmin` (see README.md).
"""

import base64
import os
import sys
from urllib.parse import quote

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fuzz", "corpus")
FIXTURES = os.path.join(ROOT, "runtime", "tests", "fixtures")

# Selector byte of return_verification and signing_string: bits 0-1 the
# charset, bits 2-3 the verifier, bit 4 "re-sign".
UTF8, GBK, GB2312 = 0, 1, 2
MD5, DSA, RSA, RSA2 = 0 << 2, 1 << 2, 2 << 2, 3 << 2
RESIGN = 0x10


def fixture(name, mode="r"):
    with open(os.path.join(FIXTURES, name), mode) as f:
        return f.read()


def write(target, name, data):
    directory = os.path.join(OUT, target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, "seed-" + name), "wb") as f:
        f.write(data)


def sign_url(sign_type, sign):
    # As the gateway builds it (runtime/tests/returns.rs): sign percent-encoded.
    sign = quote(sign.strip(), safe="")
    return (
        "http://www.test.com/notify/alipay/interface.htm?is_success=T"
        f"&sign_type={sign_type}&sign={sign}&sns_user_id=id20110923456789"
    )


def return_verification():
    t = "return_verification"
    md5_utf8 = "068be38676f609c75f4511a09a532d20"
    md5_gbk = "0265be427758d66ed005789eedd963ab"
    utf8_user = "%E7%94%A8%E6%88%B720110923"
    gbk_user = "%D3%C3%BB%A720110923"
    md5_url = "https://merchant.example/return?is_success=T&sign_type=MD5&sign={}&sns_user_id={}"
    seeds = {
        # Valid returns (runtime/tests/md5.rs, returns.rs).
        "md5-utf8-url": (MD5 | UTF8, md5_url.format(md5_utf8, utf8_user)),
        "md5-gbk-url": (MD5 | GBK, md5_url.format(md5_gbk, gbk_user)),
        "md5-gb2312-url": (MD5 | GB2312, md5_url.format(md5_gbk, gbk_user)),
        "md5-query": (MD5 | UTF8, f"?is_success=T&sign={md5_utf8}&sns_user_id={utf8_user}"),
        "md5-fragment": (MD5 | UTF8, md5_url.format(md5_utf8.upper(), utf8_user) + "#top"),
        "md5-failure-signed": (
            MD5 | UTF8,
            "is_success=F&error=ILLEGAL_SIGN&sign_type=MD5&sign=e5ed76650d640f065f1fb3bf8870770b",
        ),
        "md5-failure-unsigned": (MD5 | UTF8, "is_success=F&error=ILLEGAL_PARTNER"),
        "dsa-url": (DSA | UTF8, sign_url("DSA", fixture("return.dsa.sig.b64"))),
        "rsa-url": (RSA | UTF8, sign_url("RSA", fixture("return.rsa.sig.b64"))),
        "rsa2-url": (RSA2 | UTF8, sign_url("RSA2", fixture("return.rsa2.sig.b64"))),
        "dsa-plus-as-space": (
            DSA | UTF8,
            "is_success=T&sign_type=DSA&sign="
            + fixture("return.dsa.sig.b64").strip().replace("/", "%2F").replace("=", "%3D")
            + "&sns_user_id=id20110923456789",
        ),
        # The seed document's sample (a mismatch with the fixture key).
        "dsa-doc-sample": (
            DSA | UTF8,
            "http://www.alipay.com/api/apireceive/returnDisplay.php?is_success=T&sign_type=DSA"
            "&sign=MC4CFQCTPnn5AFV8S%2FcpP50WF6OrTKoqGAIVAKGynG39xYzhPohCvaeCZ1%2F2I7MK"
            "&sns_user_id=id20110923456789",
        ),
        # Refusals.
        "rsa2-as-rsa": (RSA2 | UTF8, sign_url("RSA", fixture("return.rsa2.sig.b64"))),
        "md5-downgrade": (RSA | UTF8, f"is_success=T&sign_type=MD5&sign={md5_utf8}"),
        "unknown-sign-type": (MD5 | UTF8, f"is_success=T&sign_type=SHA1&sign={md5_utf8}"),
        "duplicate": (MD5 | UTF8, md5_url.format(md5_utf8, utf8_user) + "&sns_user_id=x"),
        "bad-percent": (MD5 | UTF8, "a=%zz&sign=1"),
        "empty-name": (MD5 | UTF8, "a=1&=2&sign=1"),
        "bad-utf8": (MD5 | UTF8, "a=%FF&sign=1"),
        "gb18030-only": (MD5 | GBK, "a=%81%30%81%30&sign=1"),
        "gbk-pua": (MD5 | GBK, "a=%A3%A0&sign=1"),
        "dsa-not-base64": (DSA | UTF8, "is_success=T&sign=!!!&sns_user_id=1"),
        "rsa-short": (RSA | UTF8, "is_success=T&sign=AAAA&sns_user_id=1"),
        "dsa-nonminimal": (DSA | UTF8, "sign=MAcCAgABAgEB&a=1"),
        # Re-signed: the parameters are signed again, to reach Response.
        "resign-md5-utf8": (RESIGN | MD5 | UTF8, md5_url.format("x", utf8_user)),
        "resign-md5-gbk": (RESIGN | MD5 | GBK, md5_url.format("x", gbk_user)),
        "resign-dsa": (RESIGN | DSA | UTF8, "is_success=T&sns_user_id=id20110923456789"),
        "resign-rsa": (RESIGN | RSA | UTF8, "is_success=T&sign_type=RSA&sns_user_id=1"),
        "resign-rsa2": (RESIGN | RSA2 | UTF8, "is_success=T&sns_user_id=1&extra=2"),
        "resign-failure": (RESIGN | MD5 | UTF8, "is_success=F&error=HAS_NO_PRIVILEGE"),
        "resign-missing-field": (RESIGN | MD5 | UTF8, "is_success=T"),
    }
    # MAX_INPUT_LEN (64 KiB) exactly, and one byte over (refused unread).
    # Longer than the -max_len of the runs: replayed by tests/fuzz_replay.rs.
    limit = 64 * 1024
    seeds["at-limit"] = (MD5 | UTF8, "a=" + "b" * (limit - len("a=&sign=1")) + "&sign=1")
    seeds["over-limit"] = (MD5 | UTF8, "a=" + "b" * (limit + 1 - len("a=&sign=1")) + "&sign=1")
    for name, (selector, text) in seeds.items():
        write(t, name, bytes([selector]) + text.encode("utf-8"))


def key_loading():
    t = "key_loading"
    names = [
        "rsa1024.pkcs1.pem", "rsa1024.pkcs8.pem", "rsa1024.pkcs1.der", "rsa1024.pkcs8.der",
        "rsa1024.pkcs8.b64", "rsa1024.pkcs1.b64", "rsa1024.pub.pem", "rsa1024.pub.pkcs1.pem",
        "rsa1024.pub.der", "rsa1024.pub.b64",
        "rsa2048.pkcs8.b64", "rsa2048.pub.b64", "rsa2048.cert.pem",
        "rsa2048.encrypted.pkcs1.pem", "rsa2048.encrypted.pkcs8.pem",
        "rsa512.pkcs1.pem", "rsa-wrong.pub.pem",
        "dsa1024.pkcs8.pem", "dsa1024.traditional.pem", "dsa1024.pkcs8.der",
        "dsa1024.traditional.der", "dsa1024.pkcs8.b64", "dsa1024.traditional.b64",
        "dsa1024.pub.pem", "dsa1024.pub.der", "dsa1024.pub.b64", "dsa1024.params.pem",
        "dsa1024-224.pkcs8.pem", "dsa1024-224.pub.pem", "dsa1024-224.traditional.pem",
        "dsa-smallq.pkcs8.pem", "dsa-smallq.pub.pem", "dsa-wrong.pub.pem",
    ]
    for name in names:
        write(t, name, fixture(name, "rb"))
    # Pasted shapes: CRLF, line breaks turned into spaces, surrounding blanks.
    pem = fixture("rsa1024.pkcs1.pem")
    write(t, "rsa1024.pkcs1.crlf.pem", pem.replace("\n", "\r\n"))
    write(t, "rsa1024.pkcs1.spaces.pem", pem.replace("\n", " "))
    write(t, "dsa1024.pub.wrapped.b64", "\n" + "\n".join(
        base64.b64encode(fixture("dsa1024.pub.der", "rb")).decode()[i:i + 64]
        for i in range(0, 600, 64)) + "\n")
    write(t, "md5", "10000000000000000000000000000000")
    write(t, "empty", b"")


def table_parser():
    t = "table_parser"
    sources = [
        ("codegen/tests/fixtures", ["alt_order_crlf.txt", "bad_rows.txt", "english.md",
                                    "html_page.html", "markdown.md", "seed_format.txt"]),
        ("interfaces/docs", ["sns.cae.sign.customer.md"]),
        ("tests/ui/docs", ["bad_notify_row.md", "bad_rows.md", "create_direct_pay_by_user.md",
                           "notify_only.md", "other_tables_only.md", "ui.shortest.form.md",
                           "units.md"]),
        # Every layout the parser reads, and the layout errors.
        ("codegen/tests/fixtures/layouts",
         sorted(os.listdir(os.path.join(ROOT, "codegen/tests/fixtures/layouts")))),
    ]
    for directory, names in sources:
        for name in names:
            with open(os.path.join(ROOT, directory, name), "rb") as f:
                prefix = "layouts" if directory.endswith("layouts") else directory.split("/")[0]
                write(t, prefix + "-" + name, f.read())
    # Inline tables, as the README's example (NUL separates request,
    # response, notify and errors).
    request = (
        "参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n"
        "返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return\n"
        "合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656\n"
        "金额\ttotal_fee\tNumber(10,2)\t金额\tY\t1.00\n"
        "时间\tgmt\tDate\t时间\tY\t2011-10-07 12:00:00\n"
    )
    response = (
        "参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n"
        "成功标识\tis_success\tString(1)\tT/F\tN\tT\n"
        "Sns帐号ID\tsns_user_id\tString(50)\t用户\tN\tid1\n"
    )
    errors = "错误代码\t说明\nILLEGAL_SIGN\t数字验签失败\nHAS_NO_PRIVILEGE\t无权访问\n"
    write(t, "inline-request", request)
    write(t, "inline-all", "\0".join([request, response, response, errors]))
    # Inline tables in the other layouts: no header row, a cell with line
    # breaks, a glued row, spaces, comments.
    write(t, "inline-headerless",
          "返回URL\treturn_url\tString(200)\t跳转页面\tN\thttp://a.b/r\n"
          "用户ID\tsns_user_id\tString(50)\t用户\t不可空\tid1\n")
    write(t, "inline-breaks-glued",
          "参数名\t参数说明\t类型\t备注\t可空\t样例\n"
          "kind\t类型\tString(1)\t第一行\n第二行\n第三行\t可空\t1\n"
          "a_b\t甲\tString(2)\t说明\tN\tx\tc_d\t乙\tString(2)\t说明\tY\ty\n"
          "e_f\t丙\tString(9)\t说明\t不可空 2011^5.00^退款\n")
    write(t, "inline-spaces",
          "参数 参数名称 类型 参数说明 是否可空 样例\n"
          "order_no 订单号 String(64) 商户 订单号。 不可空 20150101\n"
          "price 单价 Number(10,2) 单位 元 可空 9.90\n"
          "\0is_success 成功 String(1) 是否成功 不可空 T\n")
    write(t, "inline-comments",
          "/// 参数\t类型\t可空\n/// out_no\tString(8)\tN\n"
          "\0# | 参数 | 类型 | 可空 |\n# |---|---|---|\n# | is_success | String(1) | N |\n"
          "\0<!--\n参数|类型|可空\nnotify_id|String|N\n-->\n"
          "\0 * 错误代码\t说明\n * A_B\tc\n")
    write(t, "inline-markdown",
          "| Parameter | Type | Nullable | Description |\n|---|---|---|---|\n"
          "| out_trade_no | String(64) | N | order |\n| body | String(400) | Y | 说明 |\n")


def signing_string():
    t = "signing_string"
    seeds = {
        "sns-utf8": (UTF8, [("return_url", "https://merchant.example/return"),
                            ("sns_user_id", "id2011103454654656"),
                            ("key", "20110511EF39E0403F8F48EF8E02121C9824210F")]),
        "sns-gbk": (GBK, [("return_url", "http://www.test.com/notify/alipay/interface.htm"),
                          ("sns_user_id", "用户id2011103454654656"),
                          ("key", "20110511EF39E0403F8F48EF8E02121C9824210F")]),
        "gb2312-chinese": (GB2312, [("subject", "中文"), ("a", "1")]),
        "sign-and-empty": (UTF8, [("b", "2"), ("sign_type", "MD5"), ("a", ""), ("sign", "x"),
                                  ("c", " ")]),
        "prefix-names": (UTF8, [("key1", "a"), ("key", "b")]),
        "underscore": (GBK, [("partner_id", "1"), ("_input", "gbk")]),
        "raw-values": (UTF8, [("u", "http://a/b?c=d&e=%20"), ("v", "a=b")]),
        "unencodable": (GBK, [("a", "1"), ("body", "x😀")]),
        "reserved": (UTF8, [("partner", "2088000000000000")]),
        "duplicate": (UTF8, [("a", "1"), ("a", "2")]),
        "is-success-f": (UTF8, [("is_success", "F"), ("error", "X")]),
    }
    for name, (selector, pairs) in seeds.items():
        body = "\0".join(f"{n}={v}" for n, v in pairs)
        write(t, name, bytes([selector]) + body.encode("utf-8"))


def md5_hex(message):
    import hashlib
    return hashlib.md5(message + b"10000000000000000000000000000000").hexdigest()


def xml_answer():
    """Answers of the recorded shapes (selector: bits 0-1 charset, 2-3
    verifier, bit 4 Require)."""
    t = "xml_answer"
    REQUIRE = 0x10
    leaves = "body=book&trade_no=2010&trade_status=TRADE_FINISHED"
    trade = (
        "<?xml version=\"1.0\" encoding=\"{enc}\"?>\n<alipay><is_success>T</is_success>"
        "<request><param name=\"trade_no\">2010</param><param name=\"service\">single_trade_query</param></request>"
        "<response><trade><body>{body}</body><trade_no>2010</trade_no><trade_status>TRADE_FINISHED</trade_status></trade></response>"
        "<sign>{sign}</sign><sign_type>MD5</sign_type></alipay>"
    )
    gbk_leaves = "body=图书&trade_no=2010&trade_status=TRADE_FINISHED"
    seeds = {
        "trade-utf8": (MD5 | UTF8, trade.format(enc="utf-8", body="book", sign=md5_hex(leaves.encode())).encode()),
        "trade-require": (MD5 | UTF8 | REQUIRE, trade.format(enc="utf-8", body="book", sign=md5_hex(leaves.encode())).encode()),
        "trade-gbk": (MD5 | GBK, trade.format(enc="GBK", body="图书", sign=md5_hex(gbk_leaves.encode("gbk"))).encode("gbk")),
        "trade-gbk-declared-utf8": (MD5 | GBK, trade.format(enc="UTF-8", body="图书", sign="x").encode("gbk")),
        "trade-bad-sign": (MD5 | UTF8, trade.format(enc="utf-8", body="book", sign="0" * 32).encode()),
        "trade-dsa-unsigned": (DSA | UTF8, trade.format(enc="utf-8", body="book", sign="").encode()),
        "failure": (MD5 | UTF8, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>F</is_success><error>ILLEGAL_PARTNER</error></alipay>"),
        "bare-success": (MD5 | UTF8, b"<alipay><is_success>T</is_success></alipay>"),
        "bare-success-require": (MD5 | UTF8 | REQUIRE, b"<alipay><is_success>T</is_success></alipay>"),
        "sign-first": (MD5 | UTF8, ("<alipay><sign_type>MD5</sign_type><sign>" + md5_hex(b"a=1") + "</sign><response><a>1</a></response><is_success>T</is_success></alipay>").encode()),
        "repeated": (MD5 | UTF8, b"<alipay><is_success>T</is_success><response><page><item><id>1</id></item><item><id>2</id></item></page></response></alipay>"),
        "truncated": (MD5 | UTF8, trade.format(enc="utf-8", body="book", sign="x").encode()[:120]),
        "twice": (MD5 | UTF8, b"<alipay><is_success>T</is_success><is_success>F</is_success></alipay>"),
        "not-alipay": (MD5 | UTF8, b"<html><body>502</body></html>"),
        "entities-cdata": (MD5 | UTF8, b"<alipay><is_success>T</is_success><response><a>&lt;&amp;<![CDATA[x]]></a></response></alipay>"),
        "dtd": (MD5 | UTF8, b"<!DOCTYPE a [<!ENTITY e \"x\">]><alipay><is_success>T</is_success></alipay>"),
        "deep": (MD5 | UTF8, b"<alipay><is_success>T</is_success><response>" + b"<a>" * 70 + b"x" + b"</a>" * 70 + b"</response></alipay>"),
    }
    for name, (selector, body) in seeds.items():
        write(t, name, bytes([selector]) + body)


def notification_body():
    """Notification bodies (selector: bits 0-1 client charset, 2-3
    Content-Type none/utf-8/GBK/latin1, bit 4 re-sign)."""
    t = "notification_body"
    CT_NONE, CT_UTF8, CT_GBK, CT_BOGUS = 0, 1 << 2, 2 << 2, 3 << 2
    signed = "notify_id=70fec0c2&notify_time=2009-08-12 11:08:32&subject=护腕&total_fee=1.00&trade_status=TRADE_SUCCESS"
    body = ("notify_time=2009-08-12+11%3A08%3A32&notify_id=70fec0c2&total_fee=1.00"
            "&trade_status=TRADE_SUCCESS&subject={subject}&sign_type=MD5&sign={sign}")
    gbk = body.format(subject=quote("护腕".encode("gbk")), sign=md5_hex(signed.encode("gbk")))
    utf8 = body.format(subject=quote("护腕".encode()), sign=md5_hex(signed.encode()))
    declared = "_input_charset=gbk&" + body.format(
        subject=quote("护腕".encode("gbk")),
        sign=md5_hex(("_input_charset=gbk&" + signed).encode("gbk")))
    seeds = {
        "gbk-ct-gbk": (UTF8 | CT_GBK, gbk),
        "gbk-client-gbk": (GBK | CT_NONE, gbk),
        "gbk-to-utf8-client": (UTF8 | CT_NONE, gbk),
        "utf8": (UTF8 | CT_UTF8, utf8),
        "utf8-to-gbk-client": (GBK | CT_NONE, utf8),
        "declared-in-body": (UTF8 | CT_UTF8, declared),
        "bogus-content-type": (UTF8 | CT_BOGUS, utf8),
        "unknown-input-charset": (UTF8, "_input_charset=latin1&a=1&sign=x"),
        "resign-gbk": (GBK | RESIGN, gbk),
        "resign-failure": (UTF8 | RESIGN, "is_success=F&error=X&notify_id=1"),
        "tampered": (GBK, gbk.replace("1.00", "9.00")),
    }
    for name, (selector, text) in seeds.items():
        write(t, name, bytes([selector]) + text.encode("ascii"))


if __name__ == "__main__":
    return_verification()
    key_loading()
    table_parser()
    signing_string()
    xml_answer()
    notification_body()
    for target in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, target))
        size = sum(os.path.getsize(os.path.join(OUT, target, f)) for f in files)
        print(f"{target}: {sum(f.startswith('seed-') for f in files)} seeds, {len(files)} files, {size} bytes")
