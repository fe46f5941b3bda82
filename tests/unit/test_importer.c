/*
 * importer.h on realistic files of domain/formats.md: people.csv saved by
 * Chinese Excel (GBK, made here with iconv), English headers with a BOM,
 * quoted cells spanning lines, the same data as .xlsx, and a file with one
 * column of every type.  The specs here stand in for the modules' own.
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

#include "core/importer.h"
#include "core/xlsx.h"

static const struct col_spec people_cols[] = {
    {"id_no", "身份证号", COL_IDNO, true, NULL},
    {"name", "姓名", COL_TEXT, true, NULL},
    {"village_code", "区划代码", COL_AREA_CODE, true, NULL},
    {"household_no", "户号", COL_TEXT, false, NULL},
    {"death_date", "死亡日期", COL_DATE, false, NULL},
    {"moved_out_date", "迁出日期", COL_DATE, false, NULL},
    {"party_member", "党员", COL_BOOL, false, NULL},
    {"phone", "电话", COL_TEXT, false, NULL},
};
#define NPEOPLE (sizeof(people_cols) / sizeof(people_cols[0]))
enum { P_ID, P_NAME, P_VILLAGE, P_HOUSEHOLD, P_DEATH, P_MOVED, P_PARTY, P_PHONE };

struct fx {
	struct arena a;		  /* per test */
	struct errinfo ei;	  /* reader errors */
	struct table t;		  /* last table */
	struct import_set set;	  /* last import */
	struct import_report rep; /* problems */
	char dir[64];		  /* scratch directory */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	arena_init(&f->a);
	import_report_init(&f->rep, &f->a);
	snprintf(f->dir, sizeof(f->dir), "/tmp/qltest-import-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rmdir(f->dir);
	arena_release(&f->a);
	free(f);
	return 0;
}

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

static enum err import_text(struct fx *f, const char *file, const char *data, size_t len,
			    const struct col_spec *cols, size_t ncols)
{
	memset(&f->ei, 0, sizeof(f->ei));
	assert_int_equal(table_read_mem(&f->a, file, data, len, &f->t, &f->ei), E_OK);
	return import_parse(&f->a, &f->t, file, cols, ncols, &f->set, &f->rep);
}

static char *report_text(const struct import_report *rep)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	import_report_print(rep, fp);
	fclose(fp);
	return text;
}

static void test_importer__gbk_people_with_bad_lines(void **state)
{
	struct fx *f = *state;
	size_t len;
	char *text;
	json_t *j, *e;
	char *gbk = to_gbk("身份证号,姓名,区划代码,户号,死亡日期,党员,备注\r\n"		    /* 1 */
			   "11010519491231002X,张三,350102001001,H001,,是,\r\n"		    /* 2 */
			   "440524188001010014,李四,350102001001,H001,2024/3/5,否,\r\n"	    /* 3 */
			   "11010519491231002x,王五,350102001002,H002,,1,\r\n"		    /* 4 */
			   "440524188001010014,赵六,350102001002,H002,2023年12月1日,0,\r\n" /* 5 */
			   "11010519491231002X,钱七,350102001003,H003,,,\r\n"		    /* 6 */
			   "110105194912310021,孙八,350102001003,H003,,否,迁入\r\n",	    /* 7 */
			   &len);

	assert_int_equal(import_text(f, "people.csv", gbk, len, people_cols, NPEOPLE), E_INPUT);
	free(gbk);

	/* both problems, in file order: the unknown column, then line 7 */
	assert_int_equal(f->rep.nerrors, 2);
	text = report_text(&f->rep);
	assert_string_equal(
	    text, "people.csv 第1行 备注 "
		  "\"备注\"：未知的列“备注”，可用的列为：id_no/身份证号、name/姓名、"
		  "village_code/区划代码、household_no/户号、death_date/死亡日期、"
		  "moved_out_date/迁出日期、party_member/党员、phone/电话\n"
		  "people.csv 第7行 身份证号 \"110105194912310021\"：身份证号校验位错误\n");
	free(text);

	j = import_report_to_json(&f->rep);
	assert_false(json_is_true(json_object_get(j, "ok")));
	assert_int_equal(json_integer_value(json_object_get(j, "error_count")), 2);
	e = json_array_get(json_object_get(j, "errors"), 1);
	assert_string_equal(json_string_value(json_object_get(e, "file")), "people.csv");
	assert_int_equal(json_integer_value(json_object_get(e, "line")), 7);
	assert_string_equal(json_string_value(json_object_get(e, "column")), "身份证号");
	assert_string_equal(json_string_value(json_object_get(e, "value")), "110105194912310021");
	assert_string_equal(json_string_value(json_object_get(e, "reason")), "身份证号校验位错误");
	assert_int_equal(json_array_size(json_object_get(j, "warnings")), 0);
	json_decref(j);

	/* the good rows are typed and normalised all the same */
	assert_int_equal(f->set.nrows, 6);
	assert_int_equal(f->set.header_line, 1);
	assert_true(f->set.has_col[P_DEATH]);
	assert_false(f->set.has_col[P_PHONE]);
	assert_string_equal(f->set.headers[P_PHONE], "电话");
	assert_int_equal(f->set.rows[1].line, 3);
	assert_string_equal(f->set.rows[1].v[P_NAME].text, "李四");
	assert_string_equal(f->set.rows[1].v[P_DEATH].text, "2024-03-05");
	assert_int_equal(f->set.rows[1].v[P_DEATH].i, 19787);
	assert_true(f->set.rows[1].v[P_PARTY].present);
	assert_string_equal(f->set.rows[1].v[P_PARTY].text, "0");
	assert_string_equal(f->set.rows[0].v[P_PARTY].text, "1");
	assert_int_equal(f->set.rows[0].v[P_PARTY].i, 1);
	assert_string_equal(f->set.rows[2].v[P_ID].text, "11010519491231002X"); /* x → X */
	assert_string_equal(f->set.rows[3].v[P_DEATH].text, "2023-12-01");
	assert_false(f->set.rows[4].v[P_PARTY].present); /* blank optional cell: NULL */
	assert_null(f->set.rows[4].v[P_PARTY].text);
	assert_false(f->set.rows[5].v[P_ID].present); /* the bad cell */
	assert_true(f->set.rows[5].v[P_NAME].present);
}

static void test_importer__english_headers_bom_any_order(void **state)
{
	struct fx *f = *state;
	static const char csv[] =
	    "\xEF\xBB\xBF PHONE ,Name,id_no,VILLAGE_CODE,party_member,moved_out_date\n"
	    "13800000000,张三,11010519491231002X,350102001001,Y,\n"
	    "\n"
	    ",李四,440524188001010014,350102001001,false,2024-3-1\n";
	assert_int_equal(import_text(f, "people.csv", csv, sizeof(csv) - 1, people_cols, NPEOPLE),
			 E_OK);
	assert_int_equal(f->rep.nerrors, 0);
	assert_int_equal(f->set.nrows, 2);
	assert_string_equal(f->set.headers[P_PHONE], "PHONE");
	assert_string_equal(f->set.rows[0].v[P_PHONE].text, "13800000000");
	assert_string_equal(f->set.rows[0].v[P_ID].text, "11010519491231002X");
	assert_int_equal(f->set.rows[0].v[P_PARTY].i, 1);
	assert_int_equal(f->set.rows[1].line, 4);
	assert_false(f->set.rows[1].v[P_PHONE].present);
	assert_int_equal(f->set.rows[1].v[P_PARTY].i, 0);
	assert_string_equal(f->set.rows[1].v[P_MOVED].text, "2024-03-01");
	assert_false(f->set.has_col[P_DEATH]);
}

static void test_importer__quoted_cells_keep_line_numbers(void **state)
{
	struct fx *f = *state;
	static const char csv[] =
	    "id_no,name,village_code,household_no,phone\r\n"
	    "11010519491231002X,\"张,三\",350102001001,\"H001\r\n(老宅)\",\r\n"
	    "440524188001010014,李四,350102001001,\"说\"\"明\",\r\n"
	    "440524188001010015,\"王\n五\",350102001001,,\r\n"
	    "11010519491231002X,,35010200100,,\r\n";
	char *text;
	assert_int_equal(import_text(f, "people.csv", csv, sizeof(csv) - 1, people_cols, NPEOPLE),
			 E_INPUT);
	assert_string_equal(f->set.rows[0].v[P_NAME].text, "张,三");
	assert_string_equal(f->set.rows[0].v[P_HOUSEHOLD].text, "H001\r\n(老宅)");
	assert_string_equal(f->set.rows[1].v[P_HOUSEHOLD].text, "说\"明");
	text = report_text(&f->rep);
	assert_string_equal(
	    text, "people.csv 第5行 id_no \"440524188001010015\"：身份证号校验位错误\n"
		  "people.csv 第7行 name \"\"：姓名不能为空\n"
		  "people.csv 第7行 village_code \"35010200100\"：区划代码应为12位数字\n");
	free(text);
}

static void test_importer__header_problems(void **state)
{
	struct fx *f = *state;
	static const char csv[] = "身份证号,name,姓名,,电话\n"
				  "11010519491231002X,张三,张三,,1\n"
				  "440524188001010014,李四,李四,多余,2,多余2\n"
				  "440524188001010014,李四,李四,,3,,,\n";
	char *text;
	assert_int_equal(import_text(f, "people.csv", csv, sizeof(csv) - 1, people_cols, NPEOPLE),
			 E_INPUT);
	text = report_text(&f->rep);
	assert_string_equal(
	    text, "people.csv 第1行 姓名 \"姓名\"：列重复：“姓名”与“name”是同一列（name/姓名）\n"
		  "people.csv 第1行 区划代码：缺少必填列：区划代码（village_code）\n"
		  "people.csv 第3行 第4列 \"多余\"：该列没有表头（表头共5列）\n");
	free(text);
	/* the first of the duplicates is the one read; empty extra cells are no error */
	assert_int_equal(f->set.nrows, 3);
	assert_string_equal(f->set.rows[0].v[P_NAME].text, "张三");
	assert_string_equal(f->set.rows[2].v[P_PHONE].text, "3");
}

static void test_importer__empty_and_header_only(void **state)
{
	struct fx *f = *state;
	char *text;
	static const char hdr[] = "\xEF\xBB\xBF身份证号,姓名,区划代码\r\n\r\n,,\r\n";

	assert_int_equal(import_text(f, "people.csv", "", 0, people_cols, NPEOPLE), E_INPUT);
	text = report_text(&f->rep);
	assert_string_equal(text, "people.csv：文件为空\n");
	free(text);

	import_report_init(&f->rep, &f->a);
	assert_int_equal(import_text(f, "people.csv", hdr, sizeof(hdr) - 1, people_cols, NPEOPLE),
			 E_OK);
	assert_int_equal(f->rep.nerrors, 0);
	assert_int_equal(f->set.nrows, 0);
}

static const char *const kinds[] = {"村", "居", NULL};
static const struct col_spec all_cols[] = {
    {"code", "编号", COL_TEXT, true, NULL},
    {"count", "数量", COL_INT, false, NULL},
    {"amount", "金额", COL_MONEY, false, NULL},
    {"entered_at", "录入时间", COL_TIMESTAMP, false, NULL},
    {"party_id", "证件号", COL_CREDIT_OR_IDNO, false, NULL},
    {"kind", "类型", COL_ENUM, false, kinds},
    {"period", "所属期", COL_PERIOD, false, NULL},
    {"area_mu", "面积亩", COL_AREA_MU, false, NULL},
    {"id_no", "身份证号", COL_IDNO, false, NULL},
};
#define NALL (sizeof(all_cols) / sizeof(all_cols[0]))
enum { A_CODE, A_COUNT, A_AMOUNT, A_AT, A_PARTY, A_KIND, A_PERIOD, A_AREA, A_ID };

static void test_importer__every_type(void **state)
{
	struct fx *f = *state;
	static const char csv[] =
	    "code,count,amount,entered_at,party_id,kind,period,area_mu,id_no\n"
	    "A1,-12,\"¥1,234.5\",2024-03-05 14:30,91350100m000100y43,村,2024-3,12.5亩,\n"
	    "A2,+7,0.05,2024/3/5 08:00:09,11010519491231002x,居,2024年第2季度,3,\n"
	    "A3,1.5,1.234,2024-03-05,91350100M000100Y44,乡,2024-13,1.234,1.10105E+17\n"
	    "A4,99999999999999999999,abc,,12345,,2024-Q4,-1,\n";
	char *text;
	const struct import_row *r;

	assert_int_equal(import_text(f, "all.csv", csv, sizeof(csv) - 1, all_cols, NALL), E_INPUT);
	r = &f->set.rows[0];
	assert_int_equal(r->v[A_COUNT].i, -12);
	assert_string_equal(r->v[A_COUNT].text, "-12");
	assert_int_equal(r->v[A_AMOUNT].i, 123450);
	assert_string_equal(r->v[A_AMOUNT].text, "1234.50");
	assert_string_equal(r->v[A_AT].text, "2024-03-05T06:30:00Z");
	assert_int_equal(r->v[A_AT].i, 1709620200000000);
	assert_string_equal(r->v[A_PARTY].text, "91350100M000100Y43");
	assert_string_equal(r->v[A_KIND].text, "村");
	assert_string_equal(r->v[A_PERIOD].text, "2024-03");
	assert_int_equal(r->v[A_PERIOD].i, 19783); /* 2024-03-01 */
	assert_int_equal(r->v[A_AREA].i, 1250);
	assert_string_equal(r->v[A_AREA].text, "12.50");
	assert_false(r->v[A_ID].present);
	r = &f->set.rows[1];
	assert_int_equal(r->v[A_COUNT].i, 7);
	assert_string_equal(r->v[A_AT].text, "2024-03-05T00:00:09Z");
	assert_string_equal(r->v[A_PARTY].text, "11010519491231002X");
	assert_string_equal(r->v[A_PERIOD].text, "2024-Q2");
	assert_string_equal(r->v[A_AREA].text, "3.00");
	assert_int_equal(r->v[A_AMOUNT].i, 5);

	text = report_text(&f->rep);
	assert_string_equal(
	    text,
	    "all.csv 第4行 count \"1.5\"：应为整数\n"
	    "all.csv 第4行 amount \"1.234\"：金额最多两位小数\n"
	    "all.csv 第4行 entered_at \"2024-03-05\"：时间格式不正确，应为 YYYY-MM-DD HH:MM[:SS]"
	    "（北京时间，如 2024-03-05 14:30）\n"
	    "all.csv 第4行 party_id \"91350100M000100Y44\"：统一社会信用代码校验位错误\n"
	    "all.csv 第4行 kind \"乡\"：不是可选值，应为：村、居\n"
	    "all.csv 第4行 period \"2024-13\"：所属期格式不正确，应为 "
	    "YYYY-MM（月）、YYYY-Qn（季度）"
	    "或 YYYY（年）\n"
	    "all.csv 第4行 area_mu \"1.234\"：面积最多两位小数\n"
	    "all.csv 第4行 id_no \"1.10105E+17\"：身份证号被 Excel 当作数字保存（科学计数法），"
	    "已丢失末几位；请把该列设为“文本”格式后重新填写\n"
	    "all.csv 第5行 count \"99999999999999999999\"：数值超出范围\n"
	    "all.csv 第5行 amount \"abc\"：金额格式不正确，应为数字，如 1234.50\n"
	    "all.csv 第5行 party_id \"12345\"：证件号应为18位身份证号或统一社会信用代码\n"
	    "all.csv 第5行 area_mu \"-1\"：面积应为不超过两位小数的非负数（单位：亩）\n");
	free(text);
	assert_string_equal(f->set.rows[2].v[A_AMOUNT].text, "1.234"); /* bad cells keep the text */
	assert_false(f->set.rows[2].v[A_AMOUNT].present);
}

static void test_importer__module_errors_and_warnings(void **state)
{
	struct fx *f = *state;
	static const char csv[] = "code,party_id\nHT-1,110105194912310021\nHT-2,\n";
	char *text;
	json_t *j;

	assert_int_equal(import_text(f, "contracts.csv", csv, sizeof(csv) - 1, all_cols, NALL),
			 E_INPUT);
	assert_string_equal(f->rep.errors->reason,
			    "身份证号校验位错误（也不是有效的统一社会信用代码）");
	/* a module adds what only it can know */
	import_report_warn(&f->rep, f->set.rows[1].line, f->set.headers[A_CODE],
			   f->set.rows[1].v[A_CODE].text, "合同编号%s在系统中不存在，按缺失处理",
			   f->set.rows[1].v[A_CODE].text);
	import_report_add(&f->rep, f->set.rows[0].line, f->set.headers[A_CODE], "HT-1",
			  "合同已入账，不能修改");
	import_report_file(&f->rep, "bills.csv");
	import_report_add(&f->rep, 0, NULL, NULL, "缺少对应的合同文件");
	text = report_text(&f->rep);
	assert_string_equal(
	    text,
	    "contracts.csv 第2行 party_id \"110105194912310021\"：身份证号校验位错误"
	    "（也不是有效的统一社会信用代码）\n"
	    "contracts.csv 第2行 code \"HT-1\"：合同已入账，不能修改\n"
	    "bills.csv：缺少对应的合同文件\n"
	    "[警告] contracts.csv 第3行 code \"HT-2\"：合同编号HT-2在系统中不存在，按缺失处理\n");
	free(text);
	j = import_report_to_json(&f->rep);
	assert_int_equal(json_integer_value(json_object_get(j, "error_count")), 3);
	assert_int_equal(json_integer_value(json_object_get(j, "warning_count")), 1);
	assert_true(
	    json_is_null(json_object_get(json_array_get(json_object_get(j, "errors"), 2), "line")));
	assert_true(json_is_null(
	    json_object_get(json_array_get(json_object_get(j, "errors"), 2), "column")));
	json_decref(j);
}

static void test_importer__value_printed_on_one_line(void **state)
{
	struct fx *f = *state;
	char *text;
	import_report_file(&f->rep, "x.csv");
	import_report_add(&f->rep, 3, "备注", "a\"b\nc", "太长");
	import_report_add(&f->rep, 4, "备注",
			  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
			  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
			  "太长");
	text = report_text(&f->rep);
	assert_string_equal(text,
			    "x.csv 第3行 备注 \"a\\\"b\\nc\"：太长\n"
			    "x.csv 第4行 备注 \"一二三四五六七八九十一二三四五六七八九十一二三四"
			    "五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八"
			    "九十…\"：太长\n");
	free(text);
}

static void test_importer__xlsx_people(void **state)
{
	struct fx *f = *state;
	static const struct xlsx_column cols[] = {
	    {"身份证号", XLSX_TEXT, 0}, {"姓名", XLSX_TEXT, 0}, {"区划代码", XLSX_TEXT, 0},
	    {"死亡日期", XLSX_DATE, 0}, {"党员", XLSX_TEXT, 0},
	};
	char *r1[] = {"11010519491231002X", "张三", "350102001001", "2024-03-05", "是"};
	char *r2[] = {"440524188001010015", "李四", "350102001001", "", "否"};
	struct table_row rows[] = {{2, 5, r1}, {3, 5, r2}};
	struct table t = {2, 5, rows};
	char path[128];
	char *text;

	snprintf(path, sizeof(path), "%s/people.xlsx", f->dir);
	assert_int_equal(xlsx_write_table(path, "people", cols, 5, &t, &f->ei), E_OK);
	assert_int_equal(import_read_file(&f->a, path, people_cols, NPEOPLE, &f->set, &f->rep),
			 E_INPUT);
	unlink(path);
	assert_int_equal(f->set.nrows, 2);
	assert_string_equal(f->set.rows[0].v[P_DEATH].text, "2024-03-05"); /* a date cell */
	assert_int_equal(f->set.rows[0].v[P_PARTY].i, 1);
	text = report_text(&f->rep);
	assert_string_equal(
	    text, "people.xlsx 第3行 身份证号 \"440524188001010015\"：身份证号校验位错误\n");
	free(text);
}

static void test_importer__unreadable_file_reported(void **state)
{
	struct fx *f = *state;
	char path[128];
	char *text;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/people.csv", f->dir);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("身份证号,姓名\n\"11010519491231002X,张三\n", fp);
	fclose(fp);
	assert_int_equal(import_read_file(&f->a, path, people_cols, NPEOPLE, &f->set, &f->rep),
			 E_INPUT);
	unlink(path);
	text = report_text(&f->rep);
	assert_string_equal(text, "people.csv：第2行起：引号没有闭合，直到文件结尾\n");
	free(text);
	assert_int_equal(f->set.nrows, 0);
}

static void test_importer__col_index(void **state)
{
	(void)state;
	assert_int_equal(import_col_index(people_cols, NPEOPLE, "phone"), P_PHONE);
	assert_int_equal(import_col_index(people_cols, NPEOPLE, "nope"), (size_t)-1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_importer__gbk_people_with_bad_lines, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__english_headers_bom_any_order, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__quoted_cells_keep_line_numbers, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__header_problems, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_importer__empty_and_header_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_importer__every_type, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_importer__module_errors_and_warnings, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__value_printed_on_one_line, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__xlsx_people, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_importer__unreadable_file_reported, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_importer__col_index, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
