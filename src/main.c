/*
 * The command line: serve, migrate, import, export, gen, verify, checkpoint,
 * user, routes, backup, restore.  Exit status 0 on success, non-zero with a Chinese message on
 * stderr otherwise (see DESIGN.md: the command line is a contract).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/app.h"
#include "core/auth.h"
#include "core/backup.h"
#include "core/http.h"
#include "core/log.h"
#include "core/module.h"
#include "mod/disclose.h"
#include "mod/gen.h"
#include "mod/io.h"
#include "mod/org.h"
#include "mod/rules.h"

struct global {
	const char *db;       /* --db URL */
	const char *key;      /* --key FILE */
	const char *origin;   /* --origin NAME */
};

static int fail(const struct errinfo *ei)
{
	fprintf(stderr, "qinglian: %s\n", ei->msg[0] ? ei->msg : err_default_msg(ei->code));
	return ei->code == E_INPUT || ei->code == E_NOTFOUND ? 2 : 1;
}

static int usage(void)
{
	fputs("用法: qinglian [--db URL] [--key FILE] [--origin NAME] 命令 ...\n"
	      "  serve [--listen 127.0.0.1:8080] [--web-root DIR] [--threads N]\n"
	      "  migrate\n"
	      "  import DIR | export DIR\n"
	      "  gen [--villages N] [--years Y] [--seed S] [--rate [规则=]倍数,...] DIR\n"
	      "           （--rate 2 各规则植入率加倍，0 不植入；--rate P08=3 只调一条规则）\n"
	      "  scan --as-of YYYY-MM-DD [--village CODE] [--json]\n"
	      "  verify [--checkpoint FILE]\n"
	      "  checkpoint\n"
	      "  verify-proof FILE [--vkey KEY | --vkey-file FILE]   离线核验包含证明\n"
	      "  user add NAME --role ROLE [--village CODE[,CODE...]] [--display-name 姓名]\n"
	      "           [--dept 部门]   （密码从标准输入读取一行）\n"
	      "  user passwd NAME | user list | user disable NAME\n"
	      "  routes\n"
	      "  backup FILE                   备份数据库与当前签名检查点（可在服务运行时执行）\n"
	      "  restore [--force] FILE        恢复到空数据库（--force 覆盖已有数据），随后核验\n"
	      "URL: SQLite 文件路径（默认 data/qinglian.db）或 postgresql://...\n",
	      stderr);
	return 2;
}

/* The options every command opens the application with. */
static struct app_opts app_opts_of(const struct global *g)
{
	struct app_opts o = {0};
	o.db_url = g->db;
	o.key_path = g->key;
	o.origin = g->origin;
	o.migrate = true;
	return o;
}

static enum err open_app(struct app *app, const struct global *g, const char *web_root,
			 struct errinfo *ei)
{
	struct app_opts o = app_opts_of(g);
	o.web_root = web_root;
	return app_open(app, &o, ei);
}

/* For commands that only read the database (verify, checkpoint): no migration
 * and no statement check at start; a schema that is behind is refused (see
 * app_open), so nothing is ever verified against an old schema. */
static enum err open_app_read(struct app *app, const struct global *g, struct errinfo *ei)
{
	struct app_opts o = app_opts_of(g);
	o.read_only = true;
	return app_open(app, &o, ei);
}

/* ---- serve ------------------------------------------------------------------------------ */

static int cmd_serve(const struct global *g, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *web_root = NULL;
	int threads = 0;
	static const struct option opts[] = {{"listen", required_argument, 0, 'l'},
					     {"web-root", required_argument, 0, 'w'},
					     {"threads", required_argument, 0, 't'},
					     {0, 0, 0, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l')
			listen = optarg;
		else if (c == 'w')
			web_root = optarg;
		else if (c == 't')
			threads = atoi(optarg);
		else
			return usage();
	}
	struct stat st;
	if (!web_root && stat("web/dist/index.html", &st) == 0)
		web_root = "web/dist";
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n * 2 : 4;
	}
	struct app app;
	struct errinfo ei = {0};
	if (open_app(&app, g, web_root, &ei) != E_OK)
		return fail(&ei);
	enum err e = rules_worker_start(&app, &ei);
	if (e == E_OK)
		e = http_serve(&app, listen, threads, &ei);
	rules_worker_stop();
	app_close(&app);
	return e == E_OK ? 0 : fail(&ei);
}

/* ---- data ---------------------------------------------------------------------------------- */

static int cmd_migrate(const struct global *g)
{
	struct app app;
	struct errinfo ei = {0};
	if (open_app(&app, g, NULL, &ei) != E_OK)
		return fail(&ei);
	printf("数据库已是最新结构\n");
	app_close(&app);
	return 0;
}

static int cmd_import_export(const struct global *g, bool import, int argc, char **argv)
{
	if (argc != 2)
		return usage();
	struct app app;
	struct errinfo ei = {0};
	if (open_app(&app, g, NULL, &ei) != E_OK)
		return fail(&ei);
	enum err e = import ? io_import_dir(&app, argv[1], stdout, &ei)
			    : io_export_dir(&app, argv[1], stdout, &ei);
	app_close(&app);
	return e == E_OK ? 0 : fail(&ei);
}

static int cmd_gen(int argc, char **argv)
{
	struct gen_opts o = {NULL, 12, 10, 1};
	static const struct option opts[] = {{"villages", required_argument, 0, 'v'},
					     {"years", required_argument, 0, 'y'},
					     {"seed", required_argument, 0, 's'},
					     {"rate", required_argument, 0, 'r'},
					     {0, 0, 0, 0}};
	int c;
	struct errinfo ei = {0};
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'v')
			o.villages = atoi(optarg);
		else if (c == 'y')
			o.years = atoi(optarg);
		else if (c == 's')
			o.seed = strtoull(optarg, NULL, 10);
		else if (c != 'r')
			return usage();
		else if (gen_rate_parse(&o, optarg, &ei) != E_OK)
			return fail(&ei);
	}
	if (optind != argc - 1)
		return usage();
	o.dir = argv[optind];
	if (gen_run(&o, &ei) != E_OK)
		return fail(&ei);
	printf("已生成 %d 个村（居）、%d 年的数据：%s\n", o.villages, o.years, o.dir);
	return 0;
}

static int cmd_scan(const struct global *g, int argc, char **argv)
{
	const char *as_of = NULL, *village = NULL;
	bool json = false;
	static const struct option opts[] = {{"as-of", required_argument, 0, 'a'},
					     {"village", required_argument, 0, 'v'},
					     {"json", no_argument, 0, 'j'},
					     {0, 0, 0, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'a')
			as_of = optarg;
		else if (c == 'v')
			village = optarg;
		else if (c == 'j')
			json = true;
		else
			return usage();
	}
	if (optind != argc)
		return usage();
	struct app app;
	struct errinfo ei = {0};
	if (open_app(&app, g, NULL, &ei) != E_OK)
		return fail(&ei);
	enum err e = rules_cli_scan(&app, as_of, village, json, stdout, &ei);
	app_close(&app);
	return e == E_OK ? 0 : fail(&ei);
}

/* ---- the log ---------------------------------------------------------------------------- */

static int cmd_verify(const struct global *g, int argc, char **argv)
{
	const char *cp_file = NULL;
	static const struct option opts[] = {{"checkpoint", required_argument, 0, 'c'},
					     {0, 0, 0, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			cp_file = optarg;
		else
			return usage();
	}
	struct app app;
	struct errinfo ei = {0};
	if (open_app_read(&app, g, &ei) != E_OK)
		return fail(&ei);
	char *cp_text = NULL;
	if (cp_file && !(cp_text = trail_read_small_file(cp_file))) {
		app_close(&app);
		err_set(&ei, E_INPUT, "verify.checkpoint", NULL, "无法读取检查点文件：%s", cp_file);
		return fail(&ei);
	}
	struct db_conn *conn;
	enum err e = db_conn_get(app.db, &conn, &ei);
	struct trail_report rep = {0};
	if (e == E_OK) {
		e = trail_verify_pool(app.db, conn, &app.signer, cp_text, stdout, &rep, &ei);
		db_conn_put(app.db, conn);
	}
	free(cp_text);
	app_close(&app);
	if (e != E_OK)
		return fail(&ei);
	if (rep.problems) {
		printf("核验未通过：%llu 处问题（日志 %llu 条，数据 %llu 行）\n",
		       (unsigned long long)rep.problems, (unsigned long long)rep.entries,
		       (unsigned long long)rep.rows);
		return 1;
	}
	printf("核验通过：日志 %llu 条，数据 %llu 行，均与日志一致\n", (unsigned long long)rep.entries,
	       (unsigned long long)rep.rows);
	return 0;
}

/* verify-proof: a proof saved from the portal, checked offline (disclose.h). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0, cap = 0, got;
	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap && !(s = realloc(s, cap = cap * 2 + 4096 + 1)))
			abort();
		got = fread(s + n, 1, 4096, f);
		n += got;
	} while (got > 0 && n < (1u << 24));
	fclose(f);
	s[n] = '\0';
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int cmd_verify_proof(int argc, char **argv)
{
	const char *file = NULL, *vkey = NULL, *vkey_file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--vkey") == 0 && i + 1 < argc)
			vkey = argv[++i];
		else if (strcmp(argv[i], "--vkey-file") == 0 && i + 1 < argc)
			vkey_file = argv[++i];
		else if (!file && argv[i][0] != '-')
			file = argv[i];
		else
			return usage();
	}
	struct errinfo ei = {0};
	char *proof = file ? slurp(file) : NULL, *vk = vkey_file ? slurp(vkey_file) : NULL;
	if (!file)
		return usage();
	if (!proof || (vkey_file && !vk)) {
		err_set(&ei, E_INPUT, "verify_proof.file", NULL, "无法读取文件：%s",
			!proof ? file : vkey_file);
		free(proof);
		free(vk);
		return fail(&ei);
	}
	enum err e = disclose_proof_verify(proof, vk ? vk : vkey, stdout, &ei);
	free(proof);
	free(vk);
	return e == E_OK ? 0 : fail(&ei);
}

static int cmd_checkpoint(const struct global *g)
{
	struct app app;
	struct errinfo ei = {0};
	if (open_app_read(&app, g, &ei) != E_OK)
		return fail(&ei);
	struct db_conn *conn;
	struct arena a;
	arena_init(&a);
	char *note = NULL;
	enum err e = db_conn_get(app.db, &conn, &ei);
	if (e == E_OK) {
		e = trail_checkpoint(conn, &app.signer, &a, &note, &ei);
		if (e == E_OK)
			e = trail_checkpoint_save(conn, &app.signer, &ei);
		db_conn_put(app.db, conn);
	}
	if (e == E_OK)
		fputs(note, stdout);
	arena_release(&a);
	app_close(&app);
	return e == E_OK ? 0 : fail(&ei);
}

/* ---- backup and restore (backup.h) ------------------------------------------------------- */

static int cmd_backup(const struct global *g, int argc, char **argv)
{
	if (argc != 2)
		return usage();
	struct app app;
	struct errinfo ei = {0};
	struct backup_manifest m;
	if (open_app(&app, g, NULL, &ei) != E_OK) {
		app_close(&app);
		return fail(&ei);
	}
	enum err e = backup_create(&app, argv[1], &m, &ei);
	app_close(&app);
	if (e != E_OK)
		return fail(&ei);
	printf("备份完成：%s（%s，日志 %llu 条，检查点已签名）\n", argv[1],
	       strcmp(m.backend, "pg") == 0 ? "PostgreSQL" : "SQLite",
	       (unsigned long long)m.tree_size);
	return 0;
}

/* Exit status: 0 restored and verified, 1 failed, 2 usage or not a backup, 3 the
 * target is not empty (no --force), 4 restored but verify found problems. */
static int cmd_restore(const struct global *g, int argc, char **argv)
{
	bool force = false;
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = true;
		else if (!file && argv[i][0] != '-')
			file = argv[i];
		else
			return usage();
	}
	if (!file)
		return usage();
	struct app app;
	struct errinfo ei = {0};
	struct app_opts o = {0};
	o.db_url = g->db;
	o.key_path = g->key;
	o.origin = g->origin;
	if (app_open(&app, &o, &ei) != E_OK) {
		app_close(&app);
		return fail(&ei);
	}
	struct backup_manifest m;
	char *note = NULL;
	enum err e = backup_restore(&app, file, force, &m, &note, &ei);
	app_close(&app);
	if (e != E_OK)
		return e == E_CONFLICT ? (fail(&ei), 3) : fail(&ei);
	printf("已恢复：%s（备份于 %s，日志 %llu 条）\n", file, m.created,
	       (unsigned long long)m.tree_size);
	/* Migrations bring a backup of an older version up to this one. */
	struct trail_report rep = {0};
	if ((e = open_app(&app, g, NULL, &ei)) == E_OK) {
		e = backup_verify(&app, &m, note, stdout, &rep, &ei);
	}
	app_close(&app);
	free(note);
	if (e != E_OK)
		return fail(&ei);
	if (rep.problems) {
		printf("核验未通过：%llu 处问题（日志 %llu 条，数据 %llu 行）\n",
		       (unsigned long long)rep.problems, (unsigned long long)rep.entries,
		       (unsigned long long)rep.rows);
		return 4;
	}
	printf("核验通过：日志 %llu 条，数据 %llu 行，均与日志一致；日志前 %llu "
	       "条与备份的签名检查点一致\n",
	       (unsigned long long)rep.entries, (unsigned long long)rep.rows,
	       (unsigned long long)m.tree_size);
	return 0;
}

/* ---- users --------------------------------------------------------------------------------- */

struct user_job {
	struct app *app;        /* the application */
	struct user_new u;      /* for add */
	const char *name;       /* for passwd/disable */
	const char *villages;   /* "CODE,CODE" */
	int op;                 /* 'a' add, 'p' passwd, 'd' disable */
};

static enum err user_op(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct user_job *j = arg;
	enum err e;
	int64_t id, ids[64];
	size_t n = 0;
	if (j->op == 'a') {
		char list[1024];
		snprintf(list, sizeof(list), "%s", j->villages ? j->villages : "");
		for (char *save, *tok = strtok_r(list, ",", &save); tok && n < 64;
		     tok = strtok_r(NULL, ",", &save)) {
			if ((e = org_village_id(tc->db, tok, &ids[n])) == E_NOTFOUND)
				return err_set(ei, E_INPUT, "user.village", "village",
					       "没有这个村（居）：%s", tok);
			if (e != E_OK)
				return e;
			n++;
		}
		j->u.villages = ids;
		j->u.nvillages = n;
		return auth_user_add(j->app, tc, &j->u, &id, ei);
	}
	if ((e = auth_user_find(tc->db, j->name, &id)) == E_NOTFOUND)
		return err_set(ei, E_NOTFOUND, "user.not_found", NULL, "没有这个用户：%s", j->name);
	if (e != E_OK)
		return e;
	if (j->op == 'p')
		return auth_user_set_password(j->app, tc, id, j->u.password, ei);
	return auth_user_set_disabled(tc, id, true, ei);
}

static char *read_password(void)
{
	static char line[256];
	if (isatty(STDIN_FILENO))
		fputs("密码：", stderr);
	if (!fgets(line, sizeof(line), stdin))
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

static int user_list(struct app *app)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	if (db_conn_get(app->db, &c, &ei) != E_OK)
		return fail(&ei);
	struct arena a;
	arena_init(&a);
	int64_t *ids;
	size_t n;
	if (auth_user_ids(c, &a, &ids, &n) != E_OK)
		n = 0;
	printf("%-16s %-12s %-12s %s\n", "用户名", "姓名", "角色", "数据范围");
	for (size_t i = 0; i < n; i++) {
		struct principal *u;
		if (auth_principal_load(c, &a, ids[i], &u) != E_OK)
			break;
		printf("%-16s %-12s %-12s %zu 个村（居）%s\n", u->username, u->display_name,
		       rbac_role_label(u->role), u->nvillages, u->all_villages ? "（全部）" : "");
	}
	arena_release(&a);
	db_conn_put(app->db, c);
	return 0;
}

static int cmd_user(const struct global *g, int argc, char **argv)
{
	if (argc < 2)
		return usage();
	struct user_job j = {0};
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0) {
		static const struct option opts[] = {{"role", required_argument, 0, 'r'},
						     {"village", required_argument, 0, 'v'},
						     {"display-name", required_argument, 0, 'n'},
						     {"dept", required_argument, 0, 'd'},
						     {"password-stdin", no_argument, 0, 'p'},
						     {0, 0, 0, 0}};
		int c;
		const char *role = NULL;
		optind = 2;
		while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
			if (c == 'r')
				role = optarg;
			else if (c == 'v')
				j.villages = optarg;
			else if (c == 'n')
				j.u.display_name = optarg;
			else if (c == 'd')
				j.u.dept = optarg;
			else if (c != 'p')
				return usage();
		}
		if (optind != argc - 1 || !role)
			return usage();
		j.u.username = argv[optind];
		if (!j.u.display_name)
			j.u.display_name = j.u.username;
		if (!rbac_role_parse(role, &j.u.role)) {
			fprintf(stderr, "qinglian: 未知角色：%s（admin jiwei dept accountant village "
					"supervisor inspector）\n", role);
			return 2;
		}
		j.op = 'a';
	} else if (strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0) {
		if (argc != 3)
			return usage();
		j.name = argv[2];
		j.op = sub[0] == 'p' ? 'p' : 'd';
	} else if (strcmp(sub, "list") != 0) {
		return usage();
	}
	struct app app;
	struct errinfo ei = {0};
	if (open_app(&app, g, NULL, &ei) != E_OK)
		return fail(&ei);
	int rc;
	if (strcmp(sub, "list") == 0) {
		rc = user_list(&app);
	} else {
		if (j.op != 'd' && !(j.u.password = read_password())) {
			app_close(&app);
			fputs("qinglian: 请从标准输入提供密码\n", stderr);
			return 2;
		}
		j.app = &app;
		rc = app_write(&app, "cli:user", user_op, &j, &ei) == E_OK ? 0 : fail(&ei);
		if (!rc)
			printf("完成\n");
	}
	app_close(&app);
	return rc;
}

static int cmd_routes(const struct global *g)
{
	struct app app;
	struct errinfo ei = {0};
	struct app_opts o = {0};
	o.db_url = g->db;
	o.no_signer = true;
	if (app_open(&app, &o, &ei) != E_OK)
		return fail(&ei);
	static const char *const scopes[] = {"-", "list", "village"};
	printf("%-7s %-40s %-16s %-8s %-20s %s\n", "METHOD", "PATH", "PERMISSION", "SCOPE", "LOG",
	       "SUMMARY / INPUTS");
	for (size_t i = 0; i < app.nroutes; i++) {
		const struct route *rt = app.routes[i];
		printf("%-7s %-40s %-16s %-8s %-20s %s", rt->method, rt->pattern, rt->perm->name,
		       scopes[rt->scope], rt->action ? rt->action : "-", rt->summary);
		for (const struct field *f = rt->in; f && f->name; f++)
			printf("%s%s%s", f == rt->in ? " [" : ", ", f->name,
			       f->flags & FIELD_REQUIRED ? "*" : "");
		printf("%s\n", rt->in ? "]" : "");
	}
	app_close(&app);
	return 0;
}

int main(int argc, char **argv)
{
	struct global g = {"data/qinglian.db", NULL, NULL};
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			g.db = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			g.key = argv[++i];
		else if (strcmp(argv[i], "--origin") == 0 && i + 1 < argc)
			g.origin = argv[++i];
		else
			return usage();
	}
	if (i >= argc)
		return usage();
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(&g, sub_argc, sub_argv);
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(&g);
	if (strcmp(cmd, "import") == 0 || strcmp(cmd, "export") == 0)
		return cmd_import_export(&g, cmd[0] == 'i', sub_argc, sub_argv);
	if (strcmp(cmd, "gen") == 0)
		return cmd_gen(sub_argc, sub_argv);
	if (strcmp(cmd, "scan") == 0)
		return cmd_scan(&g, sub_argc, sub_argv);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify(&g, sub_argc, sub_argv);
	if (strcmp(cmd, "verify-proof") == 0)
		return cmd_verify_proof(sub_argc, sub_argv);
	if (strcmp(cmd, "checkpoint") == 0)
		return cmd_checkpoint(&g);
	if (strcmp(cmd, "user") == 0)
		return cmd_user(&g, sub_argc, sub_argv);
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes(&g);
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(&g, sub_argc, sub_argv);
	if (strcmp(cmd, "restore") == 0)
		return cmd_restore(&g, sub_argc, sub_argv);
	return usage();
}
