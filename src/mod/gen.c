/*
 * The driver of `qinglian gen` and what every generator shares: the random
 * streams (xoshiro256** seeded by splitmix64), calendar arithmetic, the tables of
 * places, surnames and given names, 身份证号 and phone numbers, the CSV files and
 * ground_truth.csv.  It plans the townships and villages and hands each village
 * to the generators listed in gen_modules[], in order.  It must not use rand(),
 * the clock or the locale (the same options give the same bytes), and it knows
 * no module's files beyond ground_truth.csv.
 */
#include "mod/gen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csvio.h"
#include "core/idno.h"
#include "mod/assets.h"
#include "mod/books.h"
#include "mod/disclose.h"
#include "mod/power.h"
#include "mod/subsidy.h"
#include "mod/trade.h"

/* The generators, in the order they run: later ones may read what earlier ones
 * stored on the village. */
static const struct gen_module *const gen_modules[] = {
    &org_gen_module,	 &power_gen_module,   &books_gen_module, &disclose_gen_module,
    &subsidy_gen_module, &assets_gen_module,  &trade_gen_module, &complaint_gen_module,
    &audit_gen_module,	 &rectify_gen_module,
};

/* ---- random numbers ------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t gen_rng_below(struct gen_rng *r, uint64_t n)
{
	/* Reject the top partial block so every residue is equally likely. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do
		x = gen_rng_next(r);
	while (x >= limit);
	return x % n;
}

int64_t gen_rng_range(struct gen_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)gen_rng_below(r, (uint64_t)(hi - lo) + 1);
}

bool gen_rng_permille(struct gen_rng *r, int permille)
{
	return (int)gen_rng_below(r, 1000) < permille;
}

size_t gen_rng_weighted(struct gen_rng *r, const uint32_t *weight, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += weight[i];
	uint64_t x = gen_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weight[i])
			return i;
		x -= weight[i];
	}
	return n - 1;
}

void gen_rng_stream(const struct gen_ctx *g, const char *module, int village, struct gen_rng *out)
{
	uint64_t h = 0xCBF29CE484222325ull; /* FNV-1a of the module's name */
	for (const unsigned char *p = (const unsigned char *)module; *p; p++)
		h = (h ^ *p) * 0x100000001B3ull;
	uint64_t x = g->opts->seed;
	uint64_t a = splitmix64(&x) ^ h;
	uint64_t b = splitmix64(&a) ^ (uint64_t)(int64_t)(village + 1);
	gen_rng_seed(out, splitmix64(&b));
}

/* ---- planting rates --------------------------------------------------------------- */

int gen_rate_milli(const struct gen_ctx *g, const char *rule)
{
	int all = 1000, own = -1;
	for (size_t i = 0; i < g->opts->n_rates; i++) {
		const struct gen_rate *r = &g->opts->rates[i];
		if (!r->rule[0])
			all = r->milli;
		else if (strcmp(r->rule, rule) == 0)
			own = r->milli;
	}
	return own >= 0 ? own : all;
}

int gen_rate(const struct gen_ctx *g, const char *rule, int permille)
{
	int64_t x = ((int64_t)permille * gen_rate_milli(g, rule) + 500) / 1000;
	return x < 0 ? 0 : x > 1000 ? 1000 : (int)x;
}

bool gen_plant(const struct gen_ctx *g, struct gen_rng *r, const char *rule, int permille)
{
	return gen_rng_permille(r, gen_rate(g, rule, permille));
}

bool gen_plant_every(const struct gen_ctx *g, const char *rule, int index, int every, int phase)
{
	/* one residue by default, round(multiplier) of them under --rate */
	int64_t n = ((int64_t)gen_rate_milli(g, rule) + 500) / 1000;
	int slot = ((index - phase) % every + every) % every;
	return slot < n;
}

/* A decimal 0 … 1000 with up to three decimals, as thousandths; -1 if not one. */
static int parse_milli(const char *s, const char *end)
{
	int64_t whole = 0, frac = 0;
	int nd = 0, nf = -1;
	for (const char *p = s; p < end; p++) {
		if (*p == '.' && nf < 0) {
			nf = 0;
		} else if (*p >= '0' && *p <= '9' && nf < 0) {
			if (++nd > 4)
				return -1;
			whole = whole * 10 + (*p - '0');
		} else if (*p >= '0' && *p <= '9' && nf < 3) {
			frac = frac * 10 + (*p - '0');
			nf++;
		} else {
			return -1;
		}
	}
	if (!nd && nf <= 0)
		return -1;
	for (nf = nf < 0 ? 0 : nf; nf < 3; nf++)
		frac *= 10;
	int64_t milli = whole * 1000 + frac;
	return milli > GEN_MAX_RATE_MILLI ? -1 : (int)milli;
}

enum err gen_rate_parse(struct gen_opts *o, const char *spec, struct errinfo *ei)
{
	const char *p = spec;
	do {
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		struct gen_rate r = {.milli = -1};
		if (eq) {
			/* a rule code: a capital letter and two digits (B01 … S06) */
			if (eq - p != 3 || p[0] < 'A' || p[0] > 'Z' || p[1] < '0' || p[1] > '9' ||
			    p[2] < '0' || p[2] > '9')
				return err_set(ei, E_INPUT, "gen.rate", "rate",
					       "--rate 中的规则编号应形如 P08，收到 %.*s",
					       (int)(eq - p), p);
			memcpy(r.rule, p, 3);
		}
		r.milli = parse_milli(eq ? eq + 1 : p, end);
		if (r.milli < 0)
			return err_set(
			    ei, E_INPUT, "gen.rate", "rate",
			    "--rate 的倍数应为 0 至 1000 之间的数（至多三位小数），收到 %.*s",
			    (int)(end - p), p);
		if (o->n_rates == GEN_MAX_RATES)
			return err_set(ei, E_INPUT, "gen.rate", "rate", "--rate 设置至多 %d 项",
				       GEN_MAX_RATES);
		o->rates[o->n_rates++] = r;
		p = *end ? end + 1 : end;
	} while (*p);
	return E_OK;
}

/* ---- dates ---------------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t gen_date(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void gen_date_split(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int gen_date_year(int32_t days)
{
	int y, m, d;
	gen_date_split(days, &y, &m, &d);
	return y;
}

void gen_date_fmt(int32_t days, char out[11])
{
	if (days == GEN_NODATE) {
		out[0] = '\0';
		return;
	}
	int y, m, d;
	gen_date_split(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

int gen_age(int32_t birth, int32_t on)
{
	int by, bm, bd, y, m, d;
	gen_date_split(birth, &by, &bm, &bd);
	gen_date_split(on, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

/* ---- places --------------------------------------------------------------------- */

struct county {
	const char *code; /* 6 digits */
	const char *name; /* 泰兴市 */
};

/* 泰州 and its neighbours; the first four host townships, all may appear as the
 * birth county of a 身份证号. */
static const struct county counties[] = {
    {"321283", "泰兴市"}, {"321281", "兴化市"}, {"321282", "靖江市"}, {"321204", "姜堰区"},
    {"321203", "高港区"}, {"320682", "如皋市"}, {"321012", "江都区"},
};
#define N_HOST_COUNTIES 4

struct town_name {
	int county;	  /* index into counties */
	const char *name; /* 黄桥镇 */
};

static const struct town_name town_names[] = {
    {0, "黄桥镇"}, {0, "分界镇"}, {0, "古溪镇"}, {0, "元竹镇"}, {0, "珊瑚镇"}, {0, "广陵镇"},
    {0, "曲霞镇"}, {0, "张桥镇"}, {0, "河失镇"}, {0, "新街镇"}, {0, "宣堡镇"}, {0, "虹桥镇"},
    {0, "滨江镇"}, {0, "根思乡"}, {0, "大生镇"}, {0, "七圩镇"}, {1, "戴南镇"}, {1, "张郭镇"},
    {1, "安丰镇"}, {1, "大垛镇"}, {1, "荻垛镇"}, {1, "陶庄镇"}, {1, "昌荣镇"}, {1, "沈坨镇"},
    {1, "中堡镇"}, {1, "千垛镇"}, {1, "周庄镇"}, {1, "陈堡镇"}, {1, "戴窑镇"}, {1, "合陈镇"},
    {1, "永丰镇"}, {1, "新垛镇"}, {2, "新桥镇"}, {2, "东兴镇"}, {2, "斜桥镇"}, {2, "西来镇"},
    {2, "季市镇"}, {2, "孤山镇"}, {2, "生祠镇"}, {2, "马桥镇"}, {3, "溱潼镇"}, {3, "蒋垛镇"},
    {3, "顾高镇"}, {3, "大伦镇"}, {3, "张甸镇"}, {3, "梁徐镇"}, {3, "娄庄镇"}, {3, "沈高镇"},
    {3, "兴泰镇"}, {3, "白米镇"}, {3, "俞垛镇"}, {3, "淤溪镇"}, {3, "华港镇"},
};
#define N_TOWN_NAMES (sizeof(town_names) / sizeof(town_names[0]))

/* Stems of village names (…村), unique within a township. */
static const char *const village_stems[] = {
    "何杨", "刘陈", "祁巷", "蒋堡", "东岳", "西郊", "溪桥", "新星", "王庄", "杨庄", "朱庄", "三星",
    "五一", "花园", "长生", "联盟", "友谊", "胜利", "永丰", "红旗", "前进", "光明", "新华", "跃进",
    "东风", "向阳", "建设", "幸福", "和平", "团结", "双桥", "石桥", "洋桥", "桥头", "河口", "沙港",
    "北沙", "南沙", "姚家", "丁家", "顾家", "季家", "严家", "殷家", "鞠庄", "封庄", "倪庄", "蔡庄",
    "孙庄", "马庄", "吴庄", "周庄", "钱庄", "张庄", "李庄", "黄庄", "大庄", "小庄", "高桥", "板桥",
    "木桥", "古庄", "野屿", "横垛", "西垛", "东垛", "南垛", "北垛", "季墅", "南寺", "北寺", "东寺",
    "庙湾", "湾头", "港口", "新港", "老港", "河西", "河东", "张坝", "陈坝", "徐坝", "胡庄", "印庄",
    "缪庄", "翟庄", "戚庄", "焦庄", "曹庄", "夏庄", "蒋庄", "闵庄", "龚庄", "田河", "杨港", "江平",
    "洋思", "银杏", "桑园", "竹园", "梅园", "杏林", "荷花", "芦庄", "芦墩", "土墩", "高墩", "龙窝",
    "凤凰", "龙港", "新河", "运河", "老河", "四圩", "八圩", "九圩", "十圩", "三圩", "双圩", "中圩",
    "天星", "新庄", "新联", "新元", "新民", "新建", "新合", "和合", "合兴", "兴隆", "振兴", "繁荣",
    "富民", "富强", "太平", "元井", "长林", "毗卢", "五福", "迎春", "丰产", "黄瓦", "戴庄", "严徐",
    "孙刘", "蒋华", "朱何", "丁庄", "泗洲", "沙垛", "顾庄", "港东", "港西", "横巷",
};
#define N_VILLAGE_STEMS (sizeof(village_stems) / sizeof(village_stems[0]))

/* Stems of community names (…社区); the first community of a township takes the
 * township's own stem. */
static const char *const community_stems[] = {
    "东城", "西城", "南苑", "北苑", "人民", "文昌", "解放", "新华", "幸福", "和平",
    "建设", "迎宾", "龙河", "鼓楼", "延令", "府前", "滨河", "锦绣", "阳光", "金港",
    "书院", "清风", "状元", "银杏", "朝阳", "长安", "永安", "太平", "仁和", "广济",
};
#define N_COMMUNITY_STEMS (sizeof(community_stems) / sizeof(community_stems[0]))

/* The largest township GEN_MAX_VILLAGES can ask for must find enough names. */
#define MAX_PER_TOWN ((GEN_MAX_VILLAGES + N_TOWN_NAMES - 1) / N_TOWN_NAMES)
_Static_assert((MAX_PER_TOWN + 2) / 6 <= N_COMMUNITY_STEMS, "too few community names");
_Static_assert(MAX_PER_TOWN <= N_VILLAGE_STEMS, "too few village names");

/* Villages per township: at least this many before a second township opens. */
#define VILLAGES_PER_TOWN 24

static void shuffle_idx(struct gen_rng *r, size_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		a[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)gen_rng_below(r, i);
		size_t t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

static void plan_places(struct gen_ctx *g)
{
	struct gen_rng r;
	gen_rng_stream(g, "place", -1, &r);
	size_t n = (size_t)g->opts->villages;
	size_t per = (n + N_TOWN_NAMES - 1) / N_TOWN_NAMES;
	if (per < VILLAGES_PER_TOWN)
		per = VILLAGES_PER_TOWN;
	g->n_towns = (n + per - 1) / per;
	g->towns = ARENA_ARRAY(&g->arena, struct gen_town, g->n_towns);
	g->n_villages = n;
	g->villages = ARENA_ARRAY(&g->arena, struct gen_village, n);

	int town_no[N_HOST_COUNTIES] = {0};
	size_t vi = 0;
	size_t stem_order[N_VILLAGE_STEMS], comm_order[N_COMMUNITY_STEMS];
	for (size_t t = 0; t < g->n_towns; t++) {
		struct gen_town *tw = &g->towns[t];
		const struct town_name *tn = &town_names[t];
		tw->name = tn->name;
		tw->county_code = counties[tn->county].code;
		tw->county_name = counties[tn->county].name;
		snprintf(tw->code, sizeof(tw->code), "%s%03d", tw->county_code,
			 101 + town_no[tn->county]++);

		size_t k = n - vi < per ? n - vi : per;
		size_t n_comm = (k + 2) / 6;
		shuffle_idx(&r, stem_order, N_VILLAGE_STEMS);
		shuffle_idx(&r, comm_order, N_COMMUNITY_STEMS);
		/* The township's own stem: its name without 镇/乡 (3 bytes). */
		char own[32];
		snprintf(own, sizeof(own), "%.*s", (int)(strlen(tw->name) - 3), tw->name);
		for (size_t j = 0; j < k; j++, vi++) {
			struct gen_village *v = &g->villages[vi];
			v->index = (int)vi;
			v->town = tw;
			v->community = j < n_comm;
			if (v->community) {
				snprintf(v->code, sizeof(v->code), "%s%03u", tw->code,
					 (unsigned)(j + 1) % 1000u);
				snprintf(v->name, sizeof(v->name), "%s社区",
					 j == 0 ? own : community_stems[comm_order[j]]);
			} else {
				snprintf(v->code, sizeof(v->code), "%s%03u", tw->code,
					 (unsigned)(201 + j - n_comm) % 1000u);
				snprintf(v->name, sizeof(v->name), "%s村",
					 village_stems[stem_order[j - n_comm]]);
			}
			v->households = (int)gen_rng_range(&r, 300, 1500);
			v->population = (int)(v->households * gen_rng_range(&r, 260, 320) / 100);
		}
	}
}

/* ---- surnames and given names ------------------------------------------------------ */

struct surname {
	const char *s; /* the surname, UTF-8 */
	uint32_t w;    /* relative frequency, about 1/10000 of the population */
};

static const struct surname surnames[] = {
    {"王", 710}, {"李", 687}, {"张", 662}, {"刘", 538}, {"陈", 453}, {"杨", 308}, {"黄", 225},
    {"赵", 206}, {"吴", 205}, {"周", 191}, {"徐", 157}, {"孙", 150}, {"马", 146}, {"朱", 134},
    {"胡", 128}, {"郭", 115}, {"何", 114}, {"林", 113}, {"高", 107}, {"罗", 104}, {"郑", 101},
    {"梁", 98},	 {"谢", 85},  {"宋", 80},  {"唐", 79},	{"许", 75},  {"韩", 74},  {"冯", 71},
    {"邓", 70},	 {"曹", 69},  {"彭", 65},  {"曾", 64},	{"肖", 62},  {"田", 61},  {"董", 60},
    {"袁", 59},	 {"潘", 57},  {"于", 56},  {"蒋", 55},	{"蔡", 54},  {"余", 53},  {"杜", 52},
    {"叶", 51},	 {"程", 50},  {"苏", 49},  {"魏", 48},	{"吕", 47},  {"丁", 46},  {"任", 45},
    {"沈", 44},	 {"姚", 43},  {"卢", 42},  {"姜", 41},	{"崔", 40},  {"钟", 39},  {"谭", 38},
    {"陆", 37},	 {"汪", 36},  {"范", 35},  {"金", 34},	{"石", 33},  {"廖", 32},  {"贾", 31},
    {"夏", 30},	 {"韦", 29},  {"付", 28},  {"方", 27},	{"白", 26},  {"邹", 25},  {"孟", 24},
    {"熊", 23},	 {"秦", 22},  {"邱", 21},  {"江", 20},	{"尹", 19},  {"薛", 18},  {"闫", 17},
    {"段", 16},	 {"雷", 15},  {"侯", 14},  {"龙", 13},	{"史", 12},  {"陶", 12},  {"黎", 11},
    {"贺", 11},	 {"顾", 11},  {"毛", 10},  {"郝", 10},	{"龚", 10},  {"邵", 9},	  {"万", 9},
    {"钱", 9},	 {"严", 9},   {"戴", 8},   {"季", 5},	{"殷", 6},   {"鞠", 4},	  {"封", 4},
    {"缪", 3},	 {"翟", 3},   {"印", 3},   {"欧阳", 2}, {"司马", 1}, {"诸葛", 1}, {"上官", 1},
};
#define N_SURNAMES (sizeof(surnames) / sizeof(surnames[0]))

size_t gen_surname_count(void)
{
	return N_SURNAMES;
}

const char *gen_surname(size_t i)
{
	return i < N_SURNAMES ? surnames[i].s : "";
}

size_t gen_surname_pick(struct gen_rng *r, const size_t *boost, size_t n_boost)
{
	/* A clan surname takes about a quarter of the village between them. */
	if (n_boost && gen_rng_permille(r, 250))
		return boost[gen_rng_below(r, n_boost)];
	uint64_t total = 0;
	for (size_t i = 0; i < N_SURNAMES; i++)
		total += surnames[i].w;
	uint64_t x = gen_rng_below(r, total);
	for (size_t i = 0; i < N_SURNAMES; i++) {
		if (x < surnames[i].w)
			return i;
		x -= surnames[i].w;
	}
	return 0;
}

/* Characters of given names by gender and generation (born before 1965, 1965–1989,
 * from 1990), each a UTF-8 string of 3-byte characters. */
static const char *const given_chars[2][3] = {
    {
	"德福根宝荣华富贵祥才发金生林明国建忠义山海军民春松桂如长永庆和兴昌友进元洪"
	"正道成炳泉广开学志",
	"伟强军明华建国平峰勇斌杰涛刚辉文海波林荣春东志兵俊磊鹏飞新卫红亮超云晓雷剑"
	"锋宏斌坚",
	"浩宇晨昊博凯健轩睿泽子梓俊杰鑫磊鹏涛航翔天一嘉宏文然逸豪铭宸哲奕锦程",
    },
    {
	"秀英兰桂珍凤芳玉梅菊翠花娣琴莲华云月美香巧素淑金银彩荣",
	"芳娟敏静丽艳霞燕玲萍红梅琴华娜婷雪慧洁颖倩晓丹莉蓉平春",
	"婷雪慧洁颖倩欣怡琳蕾佳悦雨萱涵诗梦思语琪瑶璐可馨子若晗",
    },
};

static void add_char(struct gen_rng *r, const char *pool, char *out, size_t len, size_t *at)
{
	size_t n = strlen(pool) / 3;
	size_t i = (size_t)gen_rng_below(r, n);
	if (*at + 3 < len) {
		memcpy(out + *at, pool + 3 * i, 3);
		*at += 3;
		out[*at] = '\0';
	}
}

void gen_name_make(struct gen_rng *r, size_t surname, enum gen_gender gender, int birth_year,
		   char *out, size_t len)
{
	int era = birth_year < 1965 ? 0 : birth_year < 1990 ? 1 : 2;
	static const int single_permille[3] = {150, 300, 100};
	const char *pool = given_chars[gender == GEN_FEMALE][era];
	snprintf(out, len, "%s", gen_surname(surname));
	size_t at = strlen(out);
	size_t first = at;
	add_char(r, pool, out, len, &at);
	if (!gen_rng_permille(r, single_permille[era])) {
		/* No doubled character by accident (a deliberate 婷婷 is rarer). */
		char one[4];
		memcpy(one, out + first, 3);
		one[3] = '\0';
		do {
			at = first + 3;
			add_char(r, pool, out, len, &at);
		} while (memcmp(out + first + 3, one, 3) == 0);
	}
}

/* ---- 身份证号 and phone numbers ------------------------------------------------------ */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

static size_t idset_hash(uint64_t key, size_t cap)
{
	uint64_t x = key;
	return (size_t)(splitmix64(&x) & (cap - 1));
}

static void idset_grow(struct gen_idset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 4096;
	uint64_t *slot = xcalloc(cap, sizeof(*slot));
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slot[i])
			continue;
		size_t h = idset_hash(s->slot[i], cap);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
}

/* Adds key; false if it was there already. */
static bool idset_add(struct gen_idset *s, uint64_t key)
{
	if (2 * (s->n + 1) > s->cap)
		idset_grow(s);
	size_t h = idset_hash(key, s->cap);
	while (s->slot[h]) {
		if (s->slot[h] == key)
			return false;
		h = (h + 1) & (s->cap - 1);
	}
	s->slot[h] = key;
	s->n++;
	return true;
}

void gen_idno_new(struct gen_ctx *g, struct gen_rng *r, const char *county, int32_t birth,
		  enum gen_gender gender, char out[19])
{
	int y, m, d;
	gen_date_split(birth, &y, &m, &d);
	for (;;) {
		/* 顺序码: two digits for the registering station, one whose parity
		 * is the gender. */
		int seq = (int)gen_rng_below(r, 100) * 10 + (int)gen_rng_below(r, 5) * 2 +
			  (gender == GEN_MALE);
		char first17[18];
		snprintf(first17, sizeof(first17), "%.6s%04u%02u%02u%03u", county,
			 (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
			 (unsigned)seq % 1000u);
		uint64_t key = strtoull(first17, NULL, 10) + 1;
		if (!idset_add(&g->ids, key))
			continue;
		memcpy(out, first17, 17);
		out[17] = idno_check_char(first17);
		out[18] = '\0';
		return;
	}
}

const char *gen_idno_county(struct gen_rng *r, const struct gen_village *v)
{
	if (gen_rng_permille(r, 930))
		return v->town->county_code;
	size_t n = sizeof(counties) / sizeof(counties[0]);
	size_t i = (size_t)gen_rng_below(r, n - 1);
	if (strcmp(counties[i].code, v->town->county_code) == 0)
		i = n - 1;
	return counties[i].code;
}

void gen_phone_make(struct gen_rng *r, char out[12])
{
	static const char *const prefix[] = {"130", "131", "132", "133", "134", "135", "136", "137",
					     "138", "139", "150", "151", "152", "153", "155", "156",
					     "157", "158", "159", "180", "181", "182", "183", "184",
					     "185", "186", "187", "188", "189"};
	const char *p = prefix[gen_rng_below(r, sizeof(prefix) / sizeof(prefix[0]))];
	snprintf(out, 12, "%s%08u", p, (unsigned)gen_rng_below(r, 100000000));
}

/* ---- posts and relations ------------------------------------------------------------- */

const char *gen_post_name(enum gen_post p)
{
	static const char *const names[GEN_POST__MAX] = {
	    [GEN_POST_SHUJI] = "书记",		[GEN_POST_ZHUREN] = "主任",
	    [GEN_POST_FUSHUJI] = "副书记",	[GEN_POST_FUZHUREN] = "副主任",
	    [GEN_POST_WEIYUAN] = "委员",	[GEN_POST_JIJIAN] = "纪检委员",
	    [GEN_POST_JWZHUREN] = "监委会主任", [GEN_POST_JWWEIYUAN] = "监委会委员",
	    [GEN_POST_BAOZHANG] = "报账员",	[GEN_POST_KUAIJI] = "会计",
	    [GEN_POST_CHUNA] = "出纳",
	};
	return (unsigned)p < GEN_POST__MAX ? names[p] : "";
}

const char *gen_relation_name(enum gen_relation r)
{
	static const char *const names[GEN_REL__MAX] = {
	    [GEN_REL_SPOUSE] = "配偶",
	    [GEN_REL_PARENT] = "父母",
	    [GEN_REL_CHILD] = "子女",
	    [GEN_REL_SIBLING] = "兄弟姐妹",
	    [GEN_REL_SPOUSE_PARENT] = "配偶父母",
	    [GEN_REL_CHILD_SPOUSE] = "子女配偶",
	};
	return (unsigned)r < GEN_REL__MAX ? names[r] : "";
}

static bool holds_post(const struct gen_position *p, int32_t day)
{
	return p->start <= day && (p->end == GEN_NODATE || p->end >= day);
}

int32_t gen_post_holder(const struct gen_village *v, enum gen_post post, int32_t day)
{
	int32_t who = -1, since = 0;
	for (size_t i = 0; i < v->n_positions; i++) {
		const struct gen_position *p = &v->positions[i];
		if (p->post == post && holds_post(p, day) && (who < 0 || p->start < since)) {
			who = p->person;
			since = p->start;
		}
	}
	return who;
}

static bool cadre_on(const struct gen_village *v, int32_t person, int32_t day)
{
	for (size_t i = 0; i < v->n_positions; i++)
		if (v->positions[i].person == person && holds_post(&v->positions[i], day))
			return true;
	return false;
}

bool gen_related_to_cadre(const struct gen_village *v, int32_t person, int32_t day)
{
	if (person < 0 || (size_t)person >= v->n_people)
		return false;
	const struct gen_person *p = &v->people[person];
	if (!p->cadre && !p->relative)
		return false;
	if (p->cadre && cadre_on(v, person, day))
		return true;
	for (size_t i = 0; i < v->n_relatives; i++) {
		const struct gen_relative *r = &v->relatives[i];
		int32_t other = r->cadre == person	? r->relative
				: r->relative == person ? r->cadre
							: -1;
		if (other >= 0 && cadre_on(v, other, day))
			return true;
	}
	return false;
}

/* ---- files --------------------------------------------------------------------------- */

struct gen_csv {
	FILE *fp;	     /* the open file */
	struct csv_writer w; /* csvio's writer on fp */
	size_t ncols;	     /* cells per row */
	char *name;	     /* file name, for messages */
};

static enum err mkdir_p(const char *dir, struct errinfo *ei)
{
	size_t len = strlen(dir);
	char *p = xcalloc(len + 1, 1);
	memcpy(p, dir, len);
	for (size_t i = 1; i <= len; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		struct stat st;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			enum err rc = err_set(ei, E_IO, "gen.mkdir", "dir", "无法创建目录 %s：%s",
					      p, strerror(e));
			free(p);
			return rc;
		}
		if (c == '\0' && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
			free(p);
			return err_set(ei, E_IO, "gen.mkdir", "dir", "%s 不是目录", dir);
		}
		p[i] = c;
	}
	free(p);
	return E_OK;
}

enum err gen_csv_open(struct gen_ctx *g, const char *name, const char *const *header, size_t ncols,
		      struct gen_csv **out, struct errinfo *ei)
{
	char *path = arena_printf(&g->arena, "%s/%s", g->opts->dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return err_set(ei, E_IO, "gen.open", "dir", "无法写入文件 %s：%s", path,
			       strerror(errno));
	struct gen_csv *c = ARENA_NEW(&g->arena, struct gen_csv);
	c->fp = fp;
	c->ncols = ncols;
	c->name = arena_strdup(&g->arena, name);
	csv_writer_init_file(&c->w, fp, 0);
	csv_writer_row(&c->w, header, ncols);
	*out = c;
	return E_OK;
}

enum err gen_csv_row(struct gen_csv *c, const char *const *cells, struct errinfo *ei)
{
	csv_writer_row(&c->w, cells, c->ncols);
	if (ferror(c->fp))
		return err_set(ei, E_IO, "gen.write", NULL, "写入 %s 失败", c->name);
	return E_OK;
}

enum err gen_csv_close(struct gen_csv *c, struct errinfo *ei)
{
	if (!c || !c->fp)
		return E_OK;
	enum err rc = csv_writer_finish(&c->w, ei);
	if (fclose(c->fp) != 0 && rc == E_OK)
		rc = err_set(ei, E_IO, "gen.write", NULL, "写入 %s 失败：%s", c->name,
			     strerror(errno));
	c->fp = NULL;
	return rc;
}

enum err gen_truth_add(struct gen_ctx *g, const char *rule, const struct gen_village *v,
		       const char *keys, const char *note, struct errinfo *ei)
{
	const char *cells[4] = {rule, v->code, keys, note};
	g->n_truth++;
	return gen_csv_row(g->truth, cells, ei);
}

/* ---- the driver ------------------------------------------------------------------------ */

static enum err check_opts(const struct gen_opts *o, struct errinfo *ei)
{
	if (!o->dir || !*o->dir)
		return err_set(ei, E_INPUT, "gen.dir", "dir", "请指定输出目录");
	if (o->villages < 1 || o->villages > GEN_MAX_VILLAGES)
		return err_set(ei, E_INPUT, "gen.villages", "villages",
			       "村（社区）数应在 1 至 %d 之间，收到 %d", GEN_MAX_VILLAGES,
			       o->villages);
	/* Two years at least: terms, departures and the year-on-year patterns the
	 * generators plant need a year before the last one. */
	if (o->years < 2 || o->years > GEN_MAX_YEARS)
		return err_set(ei, E_INPUT, "gen.years", "years", "年数应在 2 至 %d 之间，收到 %d",
			       GEN_MAX_YEARS, o->years);
	return E_OK;
}

enum err gen_run(const struct gen_opts *o, struct errinfo *ei)
{
	enum err rc;
	if ((rc = check_opts(o, ei)) != E_OK)
		return rc;
	if ((rc = mkdir_p(o->dir, ei)) != E_OK)
		return rc;

	struct gen_ctx g = {.opts = o};
	arena_init(&g.arena);
	g.last_year = GEN_LAST_YEAR;
	g.first_year = GEN_LAST_YEAR - o->years + 1;
	g.span_start = gen_date(g.first_year, 1, 1);
	g.span_end = gen_date(g.last_year, 12, 31);
	plan_places(&g);

	enum { N_MODULES = sizeof(gen_modules) / sizeof(gen_modules[0]) };
	void *state[N_MODULES] = {0};
	size_t opened = 0;
	static const char *const truth_header[] = {"rule", "village", "keys", "note"};
	rc = gen_csv_open(&g, "ground_truth.csv", truth_header, 4, &g.truth, ei);
	for (; rc == E_OK && opened < N_MODULES; opened++)
		if ((rc = gen_modules[opened]->open(&g, &state[opened], ei)) != E_OK)
			break;
	for (size_t i = 0; rc == E_OK && i < g.n_villages; i++)
		for (size_t m = 0; rc == E_OK && m < N_MODULES; m++)
			rc = gen_modules[m]->village(&g, state[m], &g.villages[i], ei);

	/* Close everything that was opened, keeping the first error. */
	struct errinfo scratch;
	for (size_t m = opened; m-- > 0;) {
		err_clear(&scratch);
		enum err c = gen_modules[m]->close(&g, state[m], rc == E_OK ? ei : &scratch);
		if (rc == E_OK)
			rc = c;
	}
	err_clear(&scratch);
	enum err c = gen_csv_close(g.truth, rc == E_OK ? ei : &scratch);
	if (rc == E_OK)
		rc = c;

	free(g.ids.slot);
	arena_release(&g.arena);
	return rc;
}
