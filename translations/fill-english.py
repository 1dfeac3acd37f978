#!/usr/bin/env python3
"""Completes seneschal-admin_en.ts: English is the source language, so every
translation is its source text, except the plural forms of "%n ...(s)"
messages, which get a singular and a plural form. Run after lupdate
(cmake --build <dir> --target update_translations)."""
import re
import sys
import xml.etree.ElementTree as ET

PLURALS = [("(ies)", "y", "ies"), ("(s)", "", "s")]


def forms(source):
    singular, plural = source, source
    for marker, one, many in PLURALS:
        # "property(ies)" -> "property" / "properties"
        if marker == "(ies)":
            singular = re.sub(r"y\(ies\)", "y", singular)
            plural = re.sub(r"y\(ies\)", "ies", plural)
        singular = singular.replace(marker, one)
        plural = plural.replace(marker, many)
    return singular, plural


def main(path):
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for text in forms(source):
                ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = source
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "seneschal-admin_en.ts")
