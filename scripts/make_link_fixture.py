#!/usr/bin/env python3
"""Writes tests/fixtures/link/<name>.fragment: the #s= fragment of a scenario file, made
with Python's zlib (raw deflate, wbits=-15) and base64url without padding, as any tool
outside Gradscape would make it. The link test decodes it with core::link.
  scripts/make_link_fixture.py SCENARIO.json OUT.fragment
"""
import base64
import json
import sys
import zlib

scenario_path, out_path = sys.argv[1], sys.argv[2]
with open(scenario_path, encoding="utf-8") as f:
    text = json.dumps(json.load(f), separators=(",", ":"))
c = zlib.compressobj(level=9, wbits=-15)
data = c.compress(text.encode()) + c.flush()
with open(out_path, "w", encoding="ascii") as f:
    f.write("#s=" + base64.urlsafe_b64encode(data).rstrip(b"=").decode() + "\n")
