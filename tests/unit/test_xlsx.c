/*
 * xlsx.h: workbooks written with libxlsxwriter (shared strings, rich text,
 * numbers, booleans, date formats, gaps) and by our own writer (inline
 * strings, money, dates) read back with our reader; and a package assembled
 * by hand with libzip to prove that the reader follows relationships, copes
 * with namespace prefixes, phonetic runs and the 1904 date system.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/xlsx.h"

struct fx {
	struct arena a;	   /* per test */
	struct errinfo ei; /* last error */
	struct table t;	   /* last table */
	char dir[64];	   /* scratch directory */
	char path[128];	   /* a workbook in it */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	arena_init(&f->a);
	snprintf(f->dir, sizeof(f->dir), "/tmp/qltest-xlsx-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/book.xlsx", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	unlink(f->path);
	rmdir(f->dir);
	arena_release(&f->a);
	free(f);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long n;
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return data;
}

static enum err read_back(struct fx *f)
{
	size_t len;
	char *data = slurp(f->path, &len);
	enum err err;
	memset(&f->ei, 0, sizeof(f->ei));
	err = xlsx_read_mem(&f->a, "book.xlsx", data, len, &f->t, &f->ei);
	free(data);
	return err;
}

static void cells_are(const struct table_row *r, size_t line, size_t n, ...)
{
	va_list ap;
	assert_int_equal(r->line, line);
	assert_int_equal(r->ncells, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->cells[i], va_arg(ap, const char *));
	va_end(ap);
}

static void test_xlsx__libxlsxwriter_workbook(void **state)
{
	struct fx *f = *state;
	lxw_workbook *wb = workbook_new(f->path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "人员");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "其他");
	lxw_format *d14 = workbook_add_format(wb), *dzh = workbook_add_format(wb);
	lxw_format *dt = workbook_add_format(wb), *tm = workbook_add_format(wb);
	lxw_format *ym = workbook_add_format(wb), *money = workbook_add_format(wb);
	lxw_format *bold = workbook_add_format(wb), *red = workbook_add_format(wb);
	lxw_format *txt = workbook_add_format(wb);
	lxw_rich_string_tuple f1 = {.format = bold, .string = "欧阳"};
	lxw_rich_string_tuple f2 = {.format = red, .string = "娜娜"};
	lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};

	format_set_num_format_index(d14, 14);
	format_set_num_format(dzh, "yyyy\"年\"m\"月\"d\"日\"");
	format_set_num_format(dt, "yyyy-mm-dd hh:mm");
	format_set_num_format(tm, "[h]:mm:ss");
	format_set_num_format(ym, "yyyy\"年\"mm\"月\"");
	format_set_num_format(money, "\"¥\"#,##0.00;[Red]-\"¥\"#,##0.00");
	format_set_bold(bold);
	format_set_font_color(red, LXW_COLOR_RED);
	format_set_num_format(txt, "@");

	worksheet_write_string(ws, 0, 0, "身份证号", NULL);
	worksheet_write_string(ws, 0, 1, "姓名", NULL);
	worksheet_write_string(ws, 0, 2, "死亡日期", NULL);
	worksheet_write_string(ws, 0, 4, "党员", NULL); /* D1 left empty */
	worksheet_write_string(ws, 1, 0, "11010519491231002X", NULL);
	worksheet_write_rich_string(ws, 1, 1, rich, NULL);
	worksheet_write_number(ws, 1, 2, 45356, d14);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	/* row 3 is empty: row 4 keeps its number */
	worksheet_write_number(ws, 3, 0, 42, NULL);
	worksheet_write_number(ws, 3, 1, 1234.5, money);
	worksheet_write_number(ws, 3, 2, 45356, dzh);
	worksheet_write_number(ws, 3, 3, 45356.604166666664, dt);
	worksheet_write_number(ws, 3, 4, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 4, 0, 1.5, tm);
	worksheet_write_number(ws, 4, 1, 45352, ym);
	worksheet_write_number(ws, 4, 2, -3, NULL);
	worksheet_write_number(ws, 4, 3, 350102001001.0, txt);
	worksheet_write_boolean(ws, 4, 4, 0, NULL);
	worksheet_write_number(ws, 5, 0, 60, d14); /* Excel's phantom 1900-02-29 */
	worksheet_write_formula_num(ws, 5, 1, "=1+1", NULL, 2);
	worksheet_write_blank(ws, 7, 3, bold); /* formatting only: not a row */
	worksheet_write_string(ws2, 0, 0, "不是第一个工作表", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	assert_int_equal(read_back(f), E_OK);
	assert_int_equal(f->t.nrows, 5);
	assert_int_equal(f->t.ncols_max, 5);
	cells_are(&f->t.rows[0], 1, 5, "身份证号", "姓名", "死亡日期", "", "党员");
	cells_are(&f->t.rows[1], 2, 5, "11010519491231002X", "欧阳娜娜", "2024-03-05", "", "TRUE");
	cells_are(&f->t.rows[2], 4, 5, "42", "1234.5", "2024-03-05", "2024-03-05 14:30:00", "0.3");
	cells_are(&f->t.rows[3], 5, 5, "12:00:00", "2024-03", "-3", "350102001001", "FALSE");
	cells_are(&f->t.rows[4], 6, 2, "60", "2");
}

static void test_xlsx__our_writer_round_trip(void **state)
{
	struct fx *f = *state;
	static const struct xlsx_column cols[] = {
	    {"身份证号", XLSX_TEXT, 0}, {"姓名", XLSX_TEXT, 0},	   {"金额", XLSX_MONEY, 0},
	    {"日期", XLSX_DATE, 0},	{"户数", XLSX_NUMBER, 12},
	};
	char *r1[] = {"11010519491231002X", "张三", "1234.50", "2024-03-05", "120"};
	char *r2[] = {"440524188001010014", "", "-0.05", "", "abc"};
	char *r3[] = {"", "只有名字"};
	struct table_row rows[] = {{2, 5, r1}, {3, 5, r2}, {4, 2, r3}};
	struct table t = {3, 5, rows};
	zip_t *z;
	zip_file_t *zf;
	char xml[65536];
	zip_int64_t n;
	int zerr;

	assert_int_equal(xlsx_write_table(f->path, "导出", cols, 5, &t, &f->ei), E_OK);
	assert_int_equal(read_back(f), E_OK);
	assert_int_equal(f->t.nrows, 4);
	cells_are(&f->t.rows[0], 1, 5, "身份证号", "姓名", "金额", "日期", "户数");
	cells_are(&f->t.rows[1], 2, 5, "11010519491231002X", "张三", "1234.5", "2024-03-05", "120");
	cells_are(&f->t.rows[2], 3, 5, "440524188001010014", "", "-0.05", "", "abc");
	cells_are(&f->t.rows[3], 4, 2, "", "只有名字");

	/* the header is frozen and filtered, the columns sized */
	z = zip_open(f->path, ZIP_RDONLY, &zerr);
	assert_non_null(z);
	zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	assert_non_null(zf);
	n = zip_fread(zf, xml, sizeof(xml) - 1);
	assert_true(n > 0);
	xml[n] = '\0';
	zip_fclose(zf);
	zip_close(z);
	assert_non_null(strstr(xml, "<pane ySplit=\"1\""));
	assert_non_null(strstr(xml, "<autoFilter ref=\"A1:E4\""));
	assert_non_null(strstr(xml, "<col min=\"5\" max=\"5\" width=\"12.7"));
	assert_non_null(strstr(xml, "t=\"inlineStr\"")); /* constant-memory mode */
}

static void test_xlsx__writer_to_memory(void **state)
{
	struct fx *f = *state;
	static const struct xlsx_column cols[] = {{"code", XLSX_TEXT, 0},
						  {"amount", XLSX_MONEY, 0}};
	const char *row[] = {"350102001001", "1,000.00"};
	struct buf b = BUF_INIT;
	struct xlsx_writer *w = xlsx_writer_new(NULL, "Sheet1", cols, 2, &f->ei);

	assert_non_null(w);
	for (int i = 0; i < 100; i++)
		assert_int_equal(xlsx_writer_row(w, row, &f->ei), E_OK);
	assert_int_equal(xlsx_writer_close(w, &b, &f->ei), E_OK);
	assert_true(b.len > 100);
	assert_memory_equal(b.ptr, "PK\x03\x04", 4);
	assert_int_equal(xlsx_read_mem(&f->a, "download.xlsx", b.ptr, b.len, &f->t, &f->ei), E_OK);
	assert_int_equal(f->t.nrows, 101);
	cells_are(&f->t.rows[100], 101, 2, "350102001001", "1000");
	buf_release(&b);

	/* an abandoned writer leaves nothing behind */
	w = xlsx_writer_new(NULL, "Sheet1", cols, 2, &f->ei);
	assert_non_null(w);
	xlsx_writer_free(w);
	xlsx_writer_free(NULL);

	assert_null(xlsx_writer_new(NULL, "bad[name]", cols, 2, &f->ei));
	assert_int_equal(f->ei.code, E_INTERNAL);
}

static void add_part(zip_t *z, const char *name, const char *text)
{
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
	assert_non_null(src);
	assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"

static void make_package(const char *path, const char *sheet_xml, const char *sst_xml)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	add_part(z, "_rels/.rels",
		 "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
		 "/officeDocument\" Target=\"book/wb.xml\"/></Relationships>");
	/* the first sheet of the workbook is "data.xml"; sheet1.xml is the second */
	add_part(z, "book/wb.xml",
		 "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
		 "<x:workbookPr date1904=\"1\"/><x:sheets>"
		 "<x:sheet name=\"数据\" sheetId=\"2\" r:id=\"rId7\"/>"
		 "<x:sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
		 "</x:sheets></x:workbook>");
	add_part(z, "book/_rels/wb.xml.rels",
		 "<Relationships xmlns=\"" NS_PKG "\">"
		 "<Relationship Id=\"rId1\" Type=\"" NS_REL
		 "/worksheet\" Target=\"sheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId7\" Type=\"" NS_REL
		 "/worksheet\" Target=\"./sheets/../sheets/data.xml\"/>"
		 "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"st.xml\"/>"
		 "<Relationship Id=\"rId4\" Type=\"" NS_REL
		 "/sharedStrings\" Target=\"/book/strings.xml\"/>"
		 "</Relationships>");
	add_part(z, "book/st.xml",
		 "<x:styleSheet xmlns:x=\"" NS_MAIN "\"><x:numFmts count=\"1\">"
		 "<x:numFmt numFmtId=\"176\" formatCode=\"yyyy/m/d;@\"/></x:numFmts>"
		 "<x:cellStyleXfs count=\"1\"><x:xf numFmtId=\"14\"/></x:cellStyleXfs>"
		 "<x:cellXfs count=\"3\"><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"176\"/>"
		 "<x:xf numFmtId=\"31\"/></x:cellXfs></x:styleSheet>");
	add_part(z, "book/sheets/sheet1.xml",
		 "<worksheet xmlns=\"" NS_MAIN
		 "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
		 "<is><t>wrong sheet</t></is></c></row></sheetData></worksheet>");
	add_part(z, "book/sheets/data.xml", sheet_xml);
	if (sst_xml)
		add_part(z, "book/strings.xml", sst_xml);
	assert_int_equal(zip_close(z), 0);
}

static void test_xlsx__hand_made_package(void **state)
{
	struct fx *f = *state;
	make_package(
	    f->path,
	    "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData>"
	    "<x:row r=\"2\">"
	    "<x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c>"
	    "<x:c r=\"C2\" t=\"s\"><x:v>1</x:v></x:c>"
	    "<x:c t=\"inlineStr\"><x:is><x:r><x:t xml:space=\"preserve\">王 </x:t></x:r>"
	    "<x:r><x:t>五</x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>wang</x:t></x:rPh></x:is></x:c>"
	    "</x:row>"
	    "<x:row>"
	    "<x:c s=\"1\"><x:v>43894</x:v></x:c>" /* 1904 system: 2024-03-05 */
	    "<x:c s=\"2\"><x:v>43894</x:v></x:c>"
	    "<x:c t=\"b\"><x:v>1</x:v></x:c>"
	    "<x:c t=\"e\"><x:v>#N/A</x:v></x:c>"
	    "<x:c t=\"str\"><x:f>A1</x:f><x:v>公式结果</x:v></x:c>"
	    "<x:c t=\"d\"><x:v>2024-03-05T00:00:00</x:v></x:c>"
	    "<x:c r=\"H3\"><x:v>1E+3</x:v></x:c>"
	    "</x:row>"
	    "<x:row r=\"4\"><x:c r=\"B4\" s=\"1\"/></x:row>"
	    "</x:sheetData></x:worksheet>",
	    "<sst xmlns=\"" NS_MAIN "\" count=\"2\" uniqueCount=\"2\">"
	    "<si><t>区划代码</t></si>"
	    "<si><r><rPr><b/></rPr><t>名</t></r><r><t>称 &amp; &lt;类型&gt;</t></r>"
	    "<rPh sb=\"0\" eb=\"2\"><t>ミョウ</t></rPh></si></sst>");
	assert_int_equal(read_back(f), E_OK);
	assert_int_equal(f->t.nrows, 2);
	cells_are(&f->t.rows[0], 2, 4, "区划代码", "", "名称 & <类型>", "王 五");
	cells_are(&f->t.rows[1], 3, 8, "2024-03-05", "2024-03-05", "TRUE", "#N/A", "公式结果",
		  "2024-03-05", "", "1000");
}

static void test_xlsx__broken_packages(void **state)
{
	struct fx *f = *state;

	assert_int_equal(xlsx_read_mem(&f->a, "x.xlsx", "not a zip", 9, &f->t, &f->ei), E_INPUT);
	assert_non_null(strstr(f->ei.msg, "x.xlsx 不是有效的 .xlsx 文件"));

	make_package(f->path,
		     "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
		     "<c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>",
		     NULL);
	assert_int_equal(read_back(f), E_INPUT);
	assert_non_null(strstr(f->ei.msg, "共享字符串索引无效"));

	make_package(f->path,
		     "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
		     "<c r=\"1A\"><v>5</v></c></row></sheetData></worksheet>",
		     NULL);
	assert_int_equal(read_back(f), E_INPUT);
	assert_non_null(strstr(f->ei.msg, "单元格引用无效"));

	make_package(f->path, "<worksheet><sheetData><row>", NULL);
	assert_int_equal(read_back(f), E_INPUT);
	assert_string_equal(f->ei.key, "xlsx.invalid");

	/* a few kilobytes that would lay out 1300 × 16384 cells */
	{
		struct buf b = BUF_INIT;
		buf_adds(&b, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
		for (int r = 1; r <= 1300; r++)
			buf_addf(&b, "<row r=\"%d\"><c r=\"XFD%d\"><v>1</v></c></row>", r, r);
		buf_adds(&b, "</sheetData></worksheet>");
		make_package(f->path, b.ptr, NULL);
		buf_release(&b);
	}
	assert_int_equal(read_back(f), E_TOOBIG);
	assert_non_null(strstr(f->ei.msg, "单元格过多"));

	/* an empty first sheet is an empty table, not an error */
	make_package(f->path, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>", NULL);
	assert_int_equal(read_back(f), E_OK);
	assert_int_equal(f->t.nrows, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_xlsx__libxlsxwriter_workbook, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_xlsx__our_writer_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_xlsx__writer_to_memory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_xlsx__hand_made_package, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_xlsx__broken_packages, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
