/*
 * csvio.h: encoding detection (UTF-8, BOM, GBK made with iconv here), libcsv
 * parsing with real line numbers, the errors a person sees, the file dispatch
 * and the writer (read back through the reader).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>
#include <unistd.h>

#include "core/csvio.h"

struct fx {
	struct arena a;	   /* per test */
	struct errinfo ei; /* last error */
	struct table t;	   /* last table */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	arena_init(&f->a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_release(&f->a);
	free(f);
	return 0;
}

static enum err parse(struct fx *f, const char *data, size_t len)
{
	memset(&f->ei, 0, sizeof(f->ei));
	return csvio_parse(&f->a, "people.csv", data, len, &f->t, &f->ei);
}

#define PARSE(f, lit) parse((f), (lit), sizeof(lit) - 1)

/* UTF-8 → GBK, as Chinese Excel saves a CSV. */
static char *to_gbk(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t inleft = strlen(utf8), outleft = inleft * 2 + 4;
	char *out = malloc(outleft), *o = out, *in = (char *)utf8;
	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
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

static void test_csvio__utf8_crlf(void **state)
{
	struct fx *f = *state;
	assert_int_equal(
	    PARSE(f, "id_no,name\r\n11010519491231002X,张三\r\n440524188001010014,李四\r\n"), E_OK);
	assert_int_equal(f->t.nrows, 3);
	assert_int_equal(f->t.ncols_max, 2);
	cells_are(&f->t.rows[0], 1, 2, "id_no", "name");
	cells_are(&f->t.rows[1], 2, 2, "11010519491231002X", "张三");
	cells_are(&f->t.rows[2], 3, 2, "440524188001010014", "李四");
}

static void test_csvio__bom_dropped(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "\xEF\xBB\xBF身份证号,姓名\n11010519491231002X,张三"), E_OK);
	assert_int_equal(f->t.nrows, 2);
	cells_are(&f->t.rows[0], 1, 2, "身份证号", "姓名");
	cells_are(&f->t.rows[1], 2, 2, "11010519491231002X", "张三");
}

static void test_csvio__gbk_detected(void **state)
{
	struct fx *f = *state;
	size_t len;
	char *gbk = to_gbk("身份证号,姓名,区划代码\r\n11010519491231002X,欧阳娜娜,350102001001\r\n"
			   "440524188001010014,\"王二,小\",350102001002\r\n",
			   &len);
	assert_int_equal(parse(f, gbk, len), E_OK);
	free(gbk);
	assert_int_equal(f->t.nrows, 3);
	cells_are(&f->t.rows[0], 1, 3, "身份证号", "姓名", "区划代码");
	cells_are(&f->t.rows[1], 2, 3, "11010519491231002X", "欧阳娜娜", "350102001001");
	cells_are(&f->t.rows[2], 3, 3, "440524188001010014", "王二,小", "350102001002");
}

static void test_csvio__gb18030_only_characters(void **state)
{
	struct fx *f = *state;
	const char *out;
	size_t out_len;
	/* 𠀀 (U+20000) exists in GB18030 as a four-byte sequence, not in GBK */
	static const char gb[] = "a,\x95\x32\x82\x36\n";
	assert_int_equal(csvio_to_utf8(&f->a, "x.csv", gb, sizeof(gb) - 1, &out, &out_len, &f->ei),
			 E_OK);
	assert_string_equal(out, "a,\xF0\xA0\x80\x80\n");
	assert_int_equal(out_len, 7);
}

static void test_csvio__undecodable_names_line(void **state)
{
	struct fx *f = *state;
	/* valid UTF-8 up to line 3, where 0xFF is neither UTF-8 nor GB18030 */
	assert_int_equal(PARSE(f, "a,b\n中文,c\nx\xFFy,d\n"), E_INPUT);
	assert_string_equal(f->ei.key, "csv.encoding");
	assert_non_null(strstr(f->ei.msg, "people.csv 第3行（第15字节）"));
	assert_non_null(strstr(f->ei.msg, "GBK/GB18030"));
}

static void test_csvio__utf16_and_nul_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "\xFF\xFE"
				  "a\0,\0b\0"),
			 E_INPUT);
	assert_non_null(strstr(f->ei.msg, "UTF-16"));
	assert_int_equal(PARSE(f, "a,b\nc\0d,e\n"), E_INPUT);
	assert_string_equal(f->ei.key, "csv.encoding");
	assert_non_null(strstr(f->ei.msg, "第2行"));
}

static void test_csvio__multiline_quoted_lines(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "name,note\n"
				  "张三,\"第一行\n第二行\r\n第三行\"\n"
				  "\"李\n四\",\"他说\"\"好\"\"，行\"\n"
				  "\n"
				  "王五,\"a,b\"\n"),
			 E_OK);
	assert_int_equal(f->t.nrows, 4);
	cells_are(&f->t.rows[0], 1, 2, "name", "note");
	cells_are(&f->t.rows[1], 2, 2, "张三", "第一行\n第二行\r\n第三行");
	cells_are(&f->t.rows[2], 5, 2, "李\n四", "他说\"好\"，行");
	/* the blank line 7 is skipped, the numbering is not */
	cells_are(&f->t.rows[3], 8, 2, "王五", "a,b");
}

static void test_csvio__cr_only_and_no_final_newline(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "a,b\rc,d\re,f"), E_OK);
	assert_int_equal(f->t.nrows, 3);
	cells_are(&f->t.rows[2], 3, 2, "e", "f");
}

static void test_csvio__ragged_rows_and_trailing_empty_rows(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "a,b,c\n1\n,,\n2,3,4,5\n,,\n\n,\n"), E_OK);
	assert_int_equal(f->t.nrows, 4); /* the empty rows at the end are gone, not the middle */
	assert_int_equal(f->t.ncols_max, 4);
	cells_are(&f->t.rows[1], 2, 1, "1");
	cells_are(&f->t.rows[2], 3, 3, "", "", "");
	cells_are(&f->t.rows[3], 4, 4, "2", "3", "4", "5");
}

static void test_csvio__empty_file(void **state)
{
	struct fx *f = *state;
	assert_int_equal(parse(f, "", 0), E_OK);
	assert_int_equal(f->t.nrows, 0);
	assert_int_equal(PARSE(f, "\xEF\xBB\xBF\r\n\r\n"), E_OK);
	assert_int_equal(f->t.nrows, 0);
}

static void test_csvio__stray_quote(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "a,b\n1,2\n3,4\"5\n6,7\n"), E_INPUT);
	assert_string_equal(f->ei.key, "csv.syntax");
	assert_non_null(strstr(f->ei.msg, "people.csv 第3行"));
	assert_int_equal(PARSE(f, "a,b\n\"x\"y,2\n"), E_INPUT);
	assert_non_null(strstr(f->ei.msg, "第2行"));
}

static void test_csvio__unterminated_quote(void **state)
{
	struct fx *f = *state;
	assert_int_equal(PARSE(f, "a,b\n1,2\n3,\"four\nfive\n"), E_INPUT);
	assert_string_equal(f->ei.key, "csv.syntax");
	assert_non_null(strstr(f->ei.msg, "第3行起"));
	assert_non_null(strstr(f->ei.msg, "没有闭合"));
}

static void test_csvio__read_file_dispatch(void **state)
{
	struct fx *f = *state;
	char dir[] = "/tmp/qltest-csvio-XXXXXX";
	char path[256];
	FILE *fp;
	size_t len;
	char *gbk;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/people.csv", dir);
	gbk = to_gbk("姓名,电话\n张三,13800000000\n", &len);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fwrite(gbk, 1, len, fp);
	fclose(fp);
	free(gbk);
	assert_int_equal(table_read_file(&f->a, path, &f->t, &f->ei), E_OK);
	assert_int_equal(f->t.nrows, 2);
	cells_are(&f->t.rows[1], 2, 2, "张三", "13800000000");
	unlink(path);

	assert_int_equal(table_read_file(&f->a, path, &f->t, &f->ei), E_NOTFOUND);
	assert_non_null(strstr(f->ei.msg, "文件不存在"));
	rmdir(dir);

	/* a legacy .xls, by name or by magic number */
	assert_int_equal(table_read_mem(&f->a, "old.xls", "x", 1, &f->t, &f->ei), E_INPUT);
	assert_non_null(strstr(f->ei.msg, ".xlsx"));
	assert_int_equal(
	    table_read_mem(&f->a, "old.csv", "\xD0\xCF\x11\xE0\xA1\xB1", 6, &f->t, &f->ei),
	    E_INPUT);
	assert_string_equal(f->ei.key, "table.format");
	/* a zip that is not a workbook, whatever its name */
	assert_int_equal(table_read_mem(&f->a, "x.csv", "PK\x03\x04garbage", 11, &f->t, &f->ei),
			 E_INPUT);
	assert_string_equal(f->ei.key, "xlsx.invalid");
	assert_non_null(strstr(f->ei.msg, "x.csv 不是有效的 .xlsx 文件"));
}

static void test_csvio__writer(void **state)
{
	struct fx *f = *state;
	struct buf b = BUF_INIT;
	struct csv_writer w;
	const char *row[] = {"张三", "a,b", "说\"好\"", "two\nlines", " pad", "", NULL, "-12.30"};

	csv_writer_init_buf(&w, &b, CSV_WRITER_BOM);
	csv_writer_row(&w, row, 8);
	csv_writer_cell(&w, "=SUM(A1)");
	csv_writer_end_row(&w);
	assert_int_equal(csv_writer_finish(&w, &f->ei), E_OK);
	assert_string_equal(b.ptr,
			    "\xEF\xBB\xBF张三,\"a,b\",\"说\"\"好\"\"\",\"two\nlines\",\" pad\",,,"
			    "-12.30\r\n=SUM(A1)\r\n");

	/* what the writer writes, the reader reads back unchanged */
	assert_int_equal(parse(f, b.ptr, b.len), E_OK);
	assert_int_equal(f->t.nrows, 2);
	cells_are(&f->t.rows[0], 1, 8, "张三", "a,b", "说\"好\"", "two\nlines", " pad", "", "",
		  "-12.30");
	cells_are(&f->t.rows[1], 3, 1, "=SUM(A1)");
	buf_release(&b);
}

static void test_csvio__writer_guard_and_file(void **state)
{
	struct fx *f = *state;
	struct csv_writer w;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	const char *row[] = {"=HYPERLINK(\"x\")", "+1+2", "@cmd", "-12.30", "+86", "-", "ok"};

	assert_non_null(fp);
	csv_writer_init_file(&w, fp, CSV_WRITER_GUARD);
	csv_writer_row(&w, row, 7);
	assert_int_equal(csv_writer_finish(&w, &f->ei), E_OK);
	fclose(fp);
	assert_string_equal(text, "\"'=HYPERLINK(\"\"x\"\")\",'+1+2,'@cmd,-12.30,+86,'-,ok\r\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_csvio__utf8_crlf, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__bom_dropped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__gbk_detected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__gb18030_only_characters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__undecodable_names_line, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__utf16_and_nul_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__multiline_quoted_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__cr_only_and_no_final_newline, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__ragged_rows_and_trailing_empty_rows, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__empty_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__stray_quote, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__unterminated_quote, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__read_file_dispatch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__writer, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csvio__writer_guard_and_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
