/*
 * html_text.h - text made safe for report.html: escaped for HTML text and attributes, and as
 * JSON strings inside a <script type="application/json"> block (where "</" must not appear).
 */
#ifndef BX_HTML_TEXT_H
#define BX_HTML_TEXT_H

#include <stdio.h>

/* Write s to f with &, <, >, " and ' escaped, for HTML text or a quoted attribute. */
void html_text(FILE *f, const char *s);

/* Write s to f as a JSON string, quotes included; '<' is written as \u003c so no "</script>"
 * can end the block early, and control bytes as \u00XX. */
void html_json_string(FILE *f, const char *s);

#endif
