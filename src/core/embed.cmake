# Turn the files in data/ into a C source of byte arrays, so the binary
# carries its replies and lexicons and never depends on where it runs.
# Called as: cmake -DOUT=file.c -DFILES="a;b" -DDIR=data -P embed.cmake
set(body "/* Generated from data/ by src/core/embed.cmake; do not edit. */\n#include \"core-data.h\"\n\n")
set(table "")
set(i 0)
foreach(name ${FILES})
  file(READ "${DIR}/${name}" hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
  string(APPEND body "static const unsigned char data_${i}[] = {\n${bytes}0x00};\n")
  string(APPEND table "\t{ \"${name}\", data_${i}, ${len} },\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "const struct data_embedded data_embedded[] = {\n${table}\t{ NULL, NULL, 0 }\n};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
