/*
 * libxlsxwriter and expat, for writing and reading .xlsx files, loaded the
 * first time one is written or read (see lazylib.h).  Only xlsx.c includes this.
 */
#ifndef QL_LAZY_XLSX_H
#define QL_LAZY_XLSX_H

#include <expat.h>
#include <xlsxwriter.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define XLSX_FUNCS(X)                                                                              \
	X(format_set_bold)                                                                         \
	X(format_set_num_format)                                                                   \
	X(lxw_strerror)                                                                            \
	X(lxw_workbook_free)                                                                       \
	X(workbook_add_format)                                                                     \
	X(workbook_add_worksheet)                                                                  \
	X(workbook_close)                                                                          \
	X(workbook_new_opt)                                                                        \
	X(workbook_validate_sheet_name)                                                            \
	X(worksheet_autofilter)                                                                    \
	X(worksheet_freeze_panes)                                                                  \
	X(worksheet_set_column)                                                                    \
	X(worksheet_write_number)                                                                  \
	X(worksheet_write_string)                                                                  \
	X(XML_ErrorString)                                                                         \
	X(XML_GetErrorCode)                                                                        \
	X(XML_Parse)                                                                               \
	X(XML_ParserCreateNS)                                                                      \
	X(XML_ParserFree)                                                                          \
	X(XML_SetCharacterDataHandler)                                                             \
	X(XML_SetElementHandler)                                                                   \
	X(XML_SetUserData)                                                                         \
	X(XML_StopParser)

struct xlsx_api {
	XLSX_FUNCS(LAZYLIB_FIELD)
};

const struct xlsx_api *xlsx_api(void);

#ifndef QL_LAZY_XLSX_IMPL
#define format_set_bold		     (xlsx_api()->format_set_bold)
#define format_set_num_format	     (xlsx_api()->format_set_num_format)
#define lxw_strerror		     (xlsx_api()->lxw_strerror)
#define lxw_workbook_free	     (xlsx_api()->lxw_workbook_free)
#define workbook_add_format	     (xlsx_api()->workbook_add_format)
#define workbook_add_worksheet	     (xlsx_api()->workbook_add_worksheet)
#define workbook_close		     (xlsx_api()->workbook_close)
#define workbook_new_opt	     (xlsx_api()->workbook_new_opt)
#define workbook_validate_sheet_name (xlsx_api()->workbook_validate_sheet_name)
#define worksheet_autofilter	     (xlsx_api()->worksheet_autofilter)
#define worksheet_freeze_panes	     (xlsx_api()->worksheet_freeze_panes)
#define worksheet_set_column	     (xlsx_api()->worksheet_set_column)
#define worksheet_write_number	     (xlsx_api()->worksheet_write_number)
#define worksheet_write_string	     (xlsx_api()->worksheet_write_string)
#define XML_ErrorString		     (xlsx_api()->XML_ErrorString)
#define XML_GetErrorCode	     (xlsx_api()->XML_GetErrorCode)
#define XML_Parse		     (xlsx_api()->XML_Parse)
#define XML_ParserCreateNS	     (xlsx_api()->XML_ParserCreateNS)
#define XML_ParserFree		     (xlsx_api()->XML_ParserFree)
#define XML_SetCharacterDataHandler  (xlsx_api()->XML_SetCharacterDataHandler)
#define XML_SetElementHandler	     (xlsx_api()->XML_SetElementHandler)
#define XML_SetUserData		     (xlsx_api()->XML_SetUserData)
#define XML_StopParser		     (xlsx_api()->XML_StopParser)
#endif

#endif
