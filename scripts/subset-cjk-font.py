#!/usr/bin/python3
"""Makes src/GovHall.Core/Documents/Fonts/DroidSansFallback-GB2312.ttf.

The full Droid Sans Fallback is 4 MB; the hall embeds the characters of GB 2312 (6,763
hanzi and its symbols) plus CJK punctuation and full-width forms, about 1 MB. A deployment
that needs rarer characters points GovHall:Documents:CjkFontFile at a full TrueType font.

usage (Debian: apt-get install fonts-droid-fallback python3-fonttools):
  /usr/bin/python3 scripts/subset-cjk-font.py
"""
from fontTools import subset

SOURCE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
TARGET = "src/GovHall.Core/Documents/Fonts/DroidSansFallback-GB2312.ttf"

chars = set()
for high in range(0xA1, 0xF8):
    for low in range(0xA1, 0xFF):
        try:
            chars.add(bytes([high, low]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF00, 0xFFF0)}

options = subset.Options()
options.layout_features = []
options.hinting = False
options.name_IDs = ["*"]
options.notdef_outline = True
font = subset.load_font(SOURCE, options)
subsetter = subset.Subsetter(options)
subsetter.populate(text="".join(sorted(chars)))
subsetter.subset(font)
subset.save_font(font, TARGET, options)
print(f"{TARGET}: {len(chars)} characters")
