#!/usr/bin/env python3
"""Signatures of the catalogue's test cases, computed without alipay-mapi.

Reads inputs.json (per service: the example values of its document's request,
return and notification tables) and writes vectors.json: for each service the
signing string and sign of the request, and the signed return URL query and
notification body, computed here with Python's hashlib (MD5) and the
`openssl` command (RSA, for the mobile.securitypay.pay order string).

Rules applied (the gateway's, restated from docs/PROTOCOL.md and the README):
- main rule: every parameter but sign / sign_type and empty values, sorted by
  name (bytewise), joined `name=value` with `&`, encoded in _input_charset;
  MD5 = md5(string bytes ++ key), lowercase hex;
- WAP 2.0 notification: service, v, sec_id, notify_data in that fixed order;
- mobile.securitypay.pay: `name="value"` joined by `&` in signing order,
  SHA1withRSA over it, then `&sign="<urlencoded>"&sign_type="RSA"`;
- notify_verify: not signed; service, partner, notify_id as a query;
- an XML answer's <sign>: see answer_xml.

Run from the repository root: python3 interfaces/tests/vectors/make_vectors.py
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def py_charset(label):
    return "gbk" if label in ("gbk", "gb2312") else "utf-8"


def signing_string(params):
    pairs = sorted((k, v) for k, v in params.items() if v != "" and k not in ("sign", "sign_type"))
    pairs.sort(key=lambda kv: kv[0].encode("utf-8"))
    return "&".join(f"{k}={v}" for k, v in pairs)


def md5(text, charset, key):
    return hashlib.md5(text.encode(py_charset(charset)) + key.encode("ascii")).hexdigest()


def rsa_sha1(text, charset, key_path):
    out = subprocess.run(
        ["openssl", "dgst", "-sha1", "-sign", key_path],
        input=text.encode(py_charset(charset)), capture_output=True, check=True,
    ).stdout
    return base64.b64encode(out).decode("ascii")


def query(params, charset):
    enc = py_charset(charset)
    return "&".join(
        urllib.parse.quote(k.encode(enc), safe="") + "=" + urllib.parse.quote(v.encode(enc), safe="")
        for k, v in params.items()
    )


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_xml(service, request_params, leaves, charset, key):
    """An <alipay> answer whose <response> holds the dotted leaves
    (`trade.trade_no`; an element ending in `[]` repeats, rendered once),
    signed as the answer rule says: the parameters are the children of the
    one element inside <response> (of <response> itself when it holds
    leaves or several elements), a leaf by its text and an element by its
    XML fragment as written, its own tags included (account.page.query's
    document)."""
    tree = {}
    for dotted, value in leaves.items():
        *path, name = dotted.split(".")
        node = tree
        for p in path:
            node = node.setdefault(p.removesuffix("[]"), {})
        node[name] = value

    def render(node):
        return "".join(element(k, v) for k, v in node.items())

    def element(name, value):
        inner = render(value) if isinstance(value, dict) else xml_escape(value)
        return f"<{name}>{inner}</{name}>"

    signed = tree
    if len(tree) == 1 and isinstance(next(iter(tree.values())), dict):
        signed = next(iter(tree.values()))
    params = {k: (element(k, v) if isinstance(v, dict) else v) for k, v in signed.items()}
    sign = md5(signing_string(params), charset, key)
    echo = "".join(f'<param name="{k}">{xml_escape(v)}</param>' for k, v in request_params.items())
    enc = "GBK" if py_charset(charset) == "gbk" else "utf-8"
    return (f'<?xml version="1.0" encoding="{enc}"?><alipay><is_success>T</is_success>'
            f"<request>{echo}</request><response>{render(tree)}</response>"
            f"<sign>{sign}</sign><sign_type>MD5</sign_type></alipay>"), signing_string(params)


def main():
    with open(os.path.join(HERE, "inputs.json"), encoding="utf-8") as f:
        inputs = json.load(f)
    key, partner = inputs["md5_key"], inputs["partner"]
    rsa_key = os.path.join(ROOT, inputs["rsa_key"])
    out = []
    for s in inputs["services"]:
        charset = s["charset"]
        base = {"_input_charset": charset, "partner": partner, "service": s["service"]}
        params = dict(base, **s["request"])
        string = signing_string(params)
        v = {"service": s["service"], "charset": charset, "variant": s["variant"],
             "request": s["request"], "signing_string": string}
        if s["variant"] == "unsigned":
            # notify_verify: service, partner and notify_id as a GET query,
            # in that order, each percent-encoded once; nothing signed.
            v["query"] = query({"service": s["service"], "partner": partner, **s["request"]}, charset)
            out.append(v)
            continue
        if s["variant"] == "mobile":
            pairs = sorted(((k, x) for k, x in params.items() if x != ""), key=lambda kv: kv[0].encode())
            quoted = "&".join(f'{k}="{x}"' for k, x in pairs)
            sign = rsa_sha1(quoted, charset, rsa_key)
            v["order_string"] = quoted + '&sign="' + urllib.parse.quote(sign, safe="") + '"&sign_type="RSA"'
            v["sign_type"] = "RSA"
            v["sign"] = sign
        else:
            v["sign_type"] = "MD5"
            v["sign"] = md5(string, charset, key)
        if s.get("response"):
            ret = dict(s["response"], is_success="T")
            ret["sign"] = md5(signing_string(ret), charset, key)
            ret["sign_type"] = "MD5"
            v["return_query"] = query(ret, charset)
        if s.get("notify"):
            n = dict(s["notify"])
            if "notify_data" in n:
                fixed = "&".join(f"{k}={n[k]}" for k in ("service", "v", "sec_id", "notify_data"))
                n["sign"] = md5(fixed, charset, key)
                v["notify_signing_string"] = fixed
            else:
                n["sign"] = md5(signing_string(n), charset, key)
                n["sign_type"] = "MD5"
            v["notify_body"] = query(n, charset)
        if s.get("answer"):
            v["answer_xml"], v["answer_signing_string"] = answer_xml(
                s["service"], params, s["answer"], charset, key)
        out.append(v)
    with open(os.path.join(HERE, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump({"partner": partner, "md5_key": key, "rsa_key": inputs["rsa_key"], "vectors": out},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(out)} vectors", file=sys.stderr)


if __name__ == "__main__":
    main()
