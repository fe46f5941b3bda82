/*
 * The default petty-power catalogue (小微权力清单): the procedures a village
 * follows for each kind of power it holds, written for this platform in our own
 * words after the kinds the published county and township lists cover (重大决策,
 * 工程项目, 采购, 资产资源, 财务, 宅基地, 低保 and other subsidy applications,
 * 证明盖章 …).  It is version 1 of every item; the township edits it through the
 * API (new versions).  Data only: it must not touch the database.
 */
#include "power.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The seven steps of 五议两公开, shared by every item that is 重大 by kind. */
static const struct power_step_def wuyi[] = {
    {"提议", "村党组织", "重大事项预报表、提议书", 5},
    {"商议", "村“两委”联席会议", "会议记录、商议意见", 5},
    {"审议", "党员大会", "签到表、表决票、会议记录", 7},
    {"决议", "村民代表会议或村民会议", "签到表、表决票、决议书", 7},
    {"决议公开", "村民委员会", "公示照片、公开内容", 5},
    {"实施", "村民委员会", "合同、实施记录", 0},
    {"结果公开", "村民委员会", "实施结果公示", 10},
};

static const struct power_step_def s_finance[] = {
    {"经办", "经办人", "发票、合同或结算单", 2},
    {"证明", "证明人", "验收或证明签字", 2},
    {"监委会审核", "村务监督委员会", "审核意见", 3},
    {"书记审批", "村党组织书记", "审批签字", 2},
    {"镇审核报账", "镇农经（代理记账）中心", "记账凭证", 5},
};

static const struct power_step_def s_small_purchase[] = {
    {"提出需求", "村民委员会", "采购需求单", 2},
    {"询价比价", "村民委员会（不少于三家）", "询价记录、报价单", 5},
    {"监委会监督", "村务监督委员会", "监督意见", 2},
    {"确定供应方", "村“两委”联席会议", "会议记录", 3},
    {"验收入库", "经办人、证明人", "验收单、入库单", 3},
    {"公开", "村民委员会", "采购结果公示", 5},
};

static const struct power_step_def s_small_project[] = {
    {"项目申报", "村民委员会", "项目申报表、概算", 5},
    {"镇审核", "镇相关部门", "审核意见", 7},
    {"打包竞价", "镇公共资源交易平台", "竞价公告、成交通知", 15},
    {"签订合同", "村民委员会", "施工合同", 5},
    {"过程监督", "村务监督委员会", "监督记录", 0},
    {"竣工验收", "村“两委”、监委会、镇相关部门", "验收报告", 10},
    {"结果公开", "村民委员会", "项目结果公示", 5},
};

static const struct power_step_def s_homestead[] = {
    {"申请", "申请户", "宅基地和建房（规划许可）申请表、户口簿", 0},
    {"村民小组讨论", "村民小组", "小组会议记录", 10},
    {"村级审查公示", "村民委员会", "审查意见、公示照片（不少于5个工作日）", 10},
    {"报镇审批", "镇农业农村、自然资源部门", "审批意见", 20},
    {"开工放样", "镇、村现场", "放样记录", 5},
    {"竣工验收", "镇、村现场", "验收意见", 10},
};

static const struct power_step_def s_dibao[] = {
    {"申请", "申请人或其代理人", "申请书、家庭收入和财产申报、授权核对书", 0},
    {"入户调查", "村民委员会协助镇", "入户调查表", 10},
    {"民主评议", "村民代表或评议小组", "评议记录", 10},
    {"村级公示", "村民委员会", "公示照片（不少于7天）", 7},
    {"镇审核", "镇社会事务部门", "审核意见", 10},
    {"县审批", "县民政部门", "审批决定", 10},
    {"长期公示", "村民委员会", "低保对象名单（隐去敏感信息）", 0},
};

static const struct power_step_def s_subsidy[] = {
    {"申请", "申请人", "申请表、身份证明、相关证明材料", 0},
    {"村级审核", "村民委员会", "审核意见", 5},
    {"村级公示", "村民委员会", "公示照片（不少于5天）", 5},
    {"报镇审核", "镇相关部门", "审核意见", 10},
    {"发放", "镇、县主管部门（一卡通）", "发放清册", 15},
};

static const struct power_step_def s_certificate[] = {
    {"申请", "申请人", "身份证明、事由说明", 0},
    {"核实", "村民委员会经办人", "核实记录", 2},
    {"审批盖章", "村民委员会主任或书记", "用印登记", 1},
    {"登记归档", "经办人", "用印台账", 1},
};

static const struct power_step_def s_seal[] = {
    {"申请用印", "经办人", "用印申请单、所盖文件", 0},
    {"审核", "村党组织书记", "审核签字", 1},
    {"用印登记", "印章保管人", "用印登记簿", 1},
};

static const struct power_step_def s_staff[] = {
    {"提出需求", "村“两委”", "岗位说明", 5},
    {"报镇审核", "镇党群工作部门", "审核意见", 10},
    {"公告报名", "村民委员会", "招聘公告", 7},
    {"考察确定", "村“两委”联席会议", "考察材料、会议记录", 10},
    {"公示", "村民委员会", "拟聘人员公示（不少于5天）", 5},
};

static const struct power_step_def s_party_member[] = {
    {"递交申请", "申请人", "入党申请书", 0},
    {"确定积极分子", "党支部委员会", "会议记录", 30},
    {"确定发展对象", "党支部委员会", "政审、培训材料", 0},
    {"支部大会讨论", "党员大会", "表决票、会议记录", 0},
    {"上级党委审批", "镇党委", "审批意见", 90},
};

static const struct power_step_def s_mediation[] = {
    {"受理", "村人民调解委员会", "调解申请登记", 2},
    {"调查", "调解员", "调查笔录", 7},
    {"调解", "调解员", "调解记录", 15},
    {"达成协议或引导诉讼", "村人民调解委员会", "调解协议书", 3},
    {"回访", "调解员", "回访记录", 30},
};

static const struct power_step_def s_land_transfer[] = {
    {"流转申请", "承包农户或受让方", "流转意向书", 0},
    {"村级审查", "村民委员会", "资格审查意见", 5},
    {"签订合同", "流转双方", "流转合同（示范文本）", 5},
    {"备案", "镇农经部门", "合同备案登记", 10},
};

static const struct power_step_def s_grave[] = {
    {"申请", "丧属", "死亡证明、户口注销证明", 0},
    {"村级审核", "村民委员会", "审核意见", 2},
    {"安排公益性公墓", "村民委员会", "安葬登记", 3},
};

static const struct power_step_def s_build_permit[] = {
    {"申请", "申请户", "建房申请表、设计图", 0},
    {"村级审查", "村民委员会", "审查意见", 5},
    {"公示", "村民委员会", "公示照片（不少于5个工作日）", 7},
    {"报镇审批", "镇规划建设部门", "乡村建设规划许可证", 20},
};

static const struct power_step_def s_household[] = {
    {"申请", "申请人", "户口簿、相关证明", 0},
    {"村级核实", "村民委员会", "核实意见", 3},
    {"出具证明", "村民委员会", "证明材料", 1},
    {"报派出所办理", "申请人", "受理回执", 0},
};

static const struct power_step_def s_disaster[] = {
    {"报告灾情", "受灾户或村民小组", "灾情登记表", 1},
    {"核查灾情", "村民委员会", "核查记录、照片", 3},
    {"民主评议", "村民代表", "评议记录", 5},
    {"村级公示", "村民委员会", "公示照片（不少于5天）", 5},
    {"报镇审批发放", "镇应急管理部门", "审批表、发放清册", 10},
};

static const struct power_step_def s_asset_daily[] = {
    {"登记入账", "报账员", "资产登记卡", 5},
    {"定期盘点", "村民委员会、监委会", "盘点表", 0},
    {"台账公开", "村民委员会", "资产台账公示", 10},
};

static const struct power_step_def s_volunteer[] = {
    {"确定服务项目", "村民委员会", "服务清单", 5},
    {"招募登记", "村民委员会", "志愿者登记表", 10},
    {"组织服务", "村民委员会", "服务记录", 0},
    {"积分公示", "村民委员会", "积分公示", 5},
};

static const struct power_step_def s_cooperative[] = {
    {"成员资格申请", "申请人", "申请书、户籍证明", 0},
    {"村级审核", "村集体经济组织理事会", "审核意见", 10},
    {"成员（代表）大会表决", "成员（代表）大会", "表决票、会议记录", 15},
    {"公示", "村集体经济组织", "成员名单公示（不少于7天）", 7},
    {"报镇备案", "镇农经部门", "备案登记", 10},
};

static const struct power_step_def s_village_rules[] = {
    {"起草", "村民委员会", "草案", 15},
    {"征求意见", "村民委员会", "意见汇总", 15},
    {"报镇审核", "镇党委、政府", "审核意见", 15},
    {"村民会议表决", "村民会议", "表决票、会议记录", 7},
    {"公布备案", "村民委员会", "公布照片、备案回执", 10},
};

#define ITEM(code, cat, name, basis, major, prereview, days, steps)                                \
	{                                                                                          \
		code, cat, name, basis, major, prereview, days, steps, N(steps)                    \
	}

static const struct power_item_def catalog[] = {
    /* 集体管理: 重大 by kind, 五议两公开 */
    ITEM("JT01", "集体管理", "村级重大事项决策", "《中华人民共和国村民委员会组织法》第二十四条",
	 true, false, 90, wuyi),
    ITEM("JT02", "集体管理", "村级工程建设项目（限额以上）",
	 "《中华人民共和国村民委员会组织法》第二十四条；《中华人民共和国招标投标法》", true, true,
	 180, wuyi),
    ITEM("JT03", "集体管理", "集体资产资源发包、租赁、出让",
	 "《中华人民共和国村民委员会组织法》第二十四条；《农村集体经济组织法》", true, false, 90,
	 wuyi),
    ITEM("JT04", "集体管理", "集体资产处置（报废、变卖、拍卖）",
	 "《中华人民共和国村民委员会组织法》第二十四条", true, false, 60, wuyi),
    ITEM("JT05", "集体管理", "集体经济组织收益分配方案",
	 "《中华人民共和国村民委员会组织法》第二十四条第（三）项", true, false, 60, wuyi),
    ITEM("JT06", "集体管理", "村级举债和对外担保", "《中华人民共和国村民委员会组织法》第二十四条",
	 true, false, 60, wuyi),
    ITEM("JT07", "集体管理", "土地征收征用补偿费使用分配",
	 "《中华人民共和国土地管理法》第四十八条；《村民委员会组织法》第二十四条", true, false, 90,
	 wuyi),
    ITEM("JT08", "集体管理", "村级公益事业兴办和筹资筹劳（一事一议）",
	 "《村民一事一议筹资筹劳管理办法》", true, false, 60, wuyi),
    ITEM("JT09", "集体管理", "大额资金使用和大宗物资采购",
	 "《中华人民共和国村民委员会组织法》第二十四条", true, false, 60, wuyi),
    ITEM("JT10", "集体管理", "村干部报酬、误工补贴标准",
	 "《中华人民共和国村民委员会组织法》第二十四条", true, false, 60, wuyi),
    ITEM("JT11", "集体管理", "土地承包经营方案调整", "《中华人民共和国农村土地承包法》第二十八条",
	 true, false, 90, wuyi),
    /* 集体管理: by amount or ordinary procedure */
    ITEM("JT12", "集体管理", "村级日常财务开支报销", "《农村集体经济组织财务制度》", false, false,
	 15, s_finance),
    ITEM("JT13", "集体管理", "小额物资和服务采购", "《农村集体经济组织财务制度》；本镇小额采购规定",
	 false, false, 20, s_small_purchase),
    ITEM("JT14", "集体管理", "小型零散工程项目", "本镇小型工程项目打包竞价管理办法", false, false,
	 60, s_small_project),
    ITEM("JT15", "集体管理", "村级用工和聘用人员", "本镇村级用工管理规定", false, false, 45,
	 s_staff),
    ITEM("JT16", "集体管理", "村级印章使用管理", "本镇村级印章管理规定", false, false, 2, s_seal),
    ITEM("JT17", "集体管理", "发展党员", "《中国共产党发展党员工作细则》", false, false, 0,
	 s_party_member),
    ITEM("JT18", "集体管理", "集体资产日常登记与盘点", "《农村集体经济组织财务制度》", false, false,
	 0, s_asset_daily),
    ITEM("JT19", "集体管理", "集体经济组织成员身份确认", "《中华人民共和国农村集体经济组织法》",
	 false, false, 45, s_cooperative),
    ITEM("JT20", "集体管理", "村规民约、村民自治章程制定修订",
	 "《中华人民共和国村民委员会组织法》第二十七条", false, false, 60, s_village_rules),
    /* 便民服务 */
    ITEM("BM01", "便民服务", "农村宅基地申请", "《中华人民共和国土地管理法》第六十二条", false,
	 false, 45, s_homestead),
    ITEM("BM02", "便民服务", "农村村民建房审批", "《中华人民共和国城乡规划法》第四十一条", false,
	 false, 30, s_build_permit),
    ITEM("BM03", "便民服务", "最低生活保障申请", "《社会救助暂行办法》第十一条", false, false, 30,
	 s_dibao),
    ITEM("BM04", "便民服务", "特困人员救助供养申请", "《社会救助暂行办法》第十五条", false, false,
	 30, s_dibao),
    ITEM("BM05", "便民服务", "临时救助申请", "《社会救助暂行办法》第四十八条", false, false, 15,
	 s_subsidy),
    ITEM("BM06", "便民服务", "困难残疾人生活补贴和重度残疾人护理补贴申请",
	 "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", false, false, 30,
	 s_subsidy),
    ITEM("BM07", "便民服务", "高龄津贴申请", "本省老年人高龄津贴发放办法", false, false, 30,
	 s_subsidy),
    ITEM("BM08", "便民服务", "耕地地力保护等惠农补贴申报", "本省耕地地力保护补贴实施方案", false,
	 false, 30, s_subsidy),
    ITEM("BM09", "便民服务", "受灾群众生活救助", "《自然灾害救助条例》", false, false, 20,
	 s_disaster),
    ITEM("BM10", "便民服务", "村级证明出具", "《中华人民共和国村民委员会组织法》第二条", false,
	 false, 3, s_certificate),
    ITEM("BM11", "便民服务", "户籍相关证明和办理指引", "《中华人民共和国户口登记条例》", false,
	 false, 5, s_household),
    ITEM("BM12", "便民服务", "土地经营权流转", "《中华人民共和国农村土地承包法》第三十六条", false,
	 false, 20, s_land_transfer),
    ITEM("BM13", "便民服务", "民间纠纷调解", "《中华人民共和国人民调解法》", false, false, 30,
	 s_mediation),
    ITEM("BM14", "便民服务", "公益性公墓安葬服务", "《殡葬管理条例》", false, false, 5, s_grave),
    ITEM("BM15", "便民服务", "志愿服务和积分管理", "《志愿服务条例》", false, false, 0,
	 s_volunteer),
};

const struct power_item_def *const power_catalog = catalog;
const size_t power_catalog_count = N(catalog);

const struct power_step_def *const power_wuyi_steps = wuyi;
