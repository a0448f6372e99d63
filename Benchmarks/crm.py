"""Helpers of Benchmarks/crm.sh: fill the demo company's customers, follow-ups and opportunities, and
time the CRM queries of issue 12.

stages: signs in once while the server runs and reads the opportunity stages, so that the company's
default stages are seeded before the fill uses them.
fill: straight into the SQLite file while no server runs. N customers copied from the company's
own (new ids, codes CRM0000001…, distinct generated Chinese company names such as
上海华信瑞丰科技有限公司, name_key / phone_key / search_text as the app computes them, a valid
统一社会信用代码 on 60 %, level A/B/C, source, industry, one contact each, coordinates in Shanghai
with province 31 / city 3101 / district 3101xx, owners spread over the company's sales reps with
their departments, created over the last two years); F follow-ups on 85 % of them (kind
call/visit/email/meeting/message, at over the last 120 days, by the customer's owner; the
customer's last_activity_at is its latest follow-up, so 15 % have none); O opportunities on random
customers over the company's stages (open 70 %, won 15 %, lost 15 %; furthest_position, closed_at
and lost reasons consistent with the stage kind; numbers OPP-<year>-B<n>). The public pool's idle
rule is turned off (partner_pool_rules idle_days = 0) so that its hourly job cannot move customers
to the pool during a run. Then ANALYZE.
time: signs in as the demo administrator (sees everything) and times each query R times, one at a
time on one keep-alive connection, printing count, p50, p90, p99 and max in milliseconds and a
size figure of the answer (list total, matches, stages, rows, stops); the customer list also as
a sales rep. Every answer must be 200, else it stops with the answer.
PostgreSQL is filled by Benchmarks/crm-fill-postgres.sql instead (the same data, in SQL).
"""

import argparse
import datetime
import os
import random
import sqlite3
import sys
import time
import unicodedata
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_lib import Client, percentile  # noqa: E402

PASSWORD = "afield-demo"
ADMIN = "andrew.fuller@northwind.example"
REP = "nancy.davolio@northwind.example"

# Names: city + two words + trade + legal form; the first three parts are two characters each,
# so every (city, word, word, trade) gives a distinct name_key. 12 × 60 × 60 × 24 = 1,036,800.
CITIES = ["上海", "北京", "苏州", "杭州", "南京", "宁波", "无锡", "深圳", "广州", "武汉", "成都", "天津"]
WORDS1 = ["华信", "东方", "金桥", "恒通", "宏达", "瑞丰", "鑫源", "中天", "长城", "新华", "永盛", "国泰", "海纳", "天成", "嘉禾",
          "联创", "博远", "凯旋", "明辉", "安泰", "盛世", "正泰", "宝龙", "浦江", "申达", "锦华", "远洋", "银河", "星光", "华宇",
          "德润", "汇丰", "建业", "隆鑫", "富康", "昌盛", "龙腾", "同济", "光明", "百川", "泰和", "万通", "启航", "晨曦", "飞跃",
          "宏图", "兴业", "金鼎", "荣华", "卓越", "华夏", "创新", "普惠", "致远", "天宇", "鸿运", "绿源", "世纪", "精诚", "和信"]
WORDS2 = ["伟业", "达通", "凯瑞", "安信", "利民", "佳美", "新创", "润泽", "志诚", "通达", "鼎盛", "恒业", "嘉信", "祥瑞", "中联",
          "丰源", "康泰", "华盛", "乐天", "宇航", "顺发", "和美", "俊杰", "金辉", "美达", "鹏程", "旭日", "长江", "海天", "立信",
          "同创", "远大", "茂源", "汇通", "欣荣", "锐思", "启明", "诚信", "众和", "兆丰", "雅居", "信达", "博雅", "聚源", "亿达",
          "晟华", "天润", "华东", "北辰", "南方", "金石", "银泰", "瑞祥", "豪斯", "优品", "锦程", "英华", "万盛", "天健", "创捷"]
TRADES = ["科技", "贸易", "电子", "机械", "实业", "物流", "食品", "化工", "建材", "医疗器械", "信息技术", "网络科技", "餐饮管理", "服装",
          "包装材料", "汽车配件", "环保科技", "生物科技", "新材料", "文化传媒", "教育科技", "进出口", "印刷", "家具"]
INDUSTRIES = {"科技": "technology", "电子": "electronics", "机械": "machinery", "物流": "logistics", "食品": "food", "化工": "chemicals",
              "建材": "construction", "医疗器械": "healthcare", "信息技术": "technology", "网络科技": "technology", "餐饮管理": "hospitality",
              "服装": "textiles", "汽车配件": "automotive", "生物科技": "healthcare", "文化传媒": "media", "教育科技": "education"}
LEGAL = [("有限公司", 70), ("股份有限公司", 10), ("有限责任公司", 12), ("集团有限公司", 8)]
LEGAL_FORMS = ["股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "工作室", "集团", "总公司", "公司", "商行", "厂"]
DISTRICTS = [("310101", "黄浦区"), ("310104", "徐汇区"), ("310105", "长宁区"), ("310106", "静安区"), ("310107", "普陀区"),
             ("310109", "虹口区"), ("310110", "杨浦区"), ("310112", "闵行区"), ("310113", "宝山区"), ("310114", "嘉定区"),
             ("310115", "浦东新区"), ("310116", "金山区"), ("310117", "松江区"), ("310118", "青浦区"), ("310120", "奉贤区"),
             ("310151", "崇明区")]
ROADS = ["南京西路", "淮海中路", "世纪大道", "张江路", "漕溪北路", "延安西路", "四平路", "中山北路", "虹桥路", "沪闵路", "陆家嘴环路", "长寿路"]
SOURCES = ["referral", "website", "exhibition", "cold_call"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国"]
TITLES = ["总经理", "采购经理", "财务主管", "技术总监", "行政经理", "销售总监"]
ROLES = ["decision_maker", "influencer", "user", "finance", "purchasing", "technical", "other"]
KINDS = ["call", "visit", "email", "meeting", "message"]
NOTES = ["电话沟通了新一季度的采购计划", "上门拜访，介绍了新产品", "发送了报价单和产品资料", "与采购部开会讨论合同条款", "微信确认了样品收到",
         "客户反馈价格偏高，需要再议", "约定下周安排技术交流", "跟进回款进度"]
PROJECTS = ["年度采购", "设备升级", "系统集成", "办公用品框架协议", "新厂区配套", "渠道合作", "试点项目", "维保续约"]
LOST_REASONS = ["价格太高", "选择了竞争对手", "预算取消", "项目延期", "无响应"]
TAGS = [None] * 7 + ["|重点|", "|vip|", "|华东|重点|"]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def name_key(name):
    """DuplicateKeys.name for the names generated here: NFKC, lower case, words of letters and
    digits joined, Chinese legal forms stripped from the end."""
    text = unicodedata.normalize("NFKC", name).lower()
    words, current = [], ""
    for ch in text:
        if ch in "'\u2019":
            continue
        if ch.isalnum() or unicodedata.category(ch).startswith("M"):
            current += ch
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    while words:
        last = words[-1]
        if last.endswith("分公司"):
            break
        suffix = next((s for s in LEGAL_FORMS if last.endswith(s)), None)
        if suffix is None:
            break
        rest = last[: -len(suffix)]
        if rest:
            words[-1] = rest
        elif len(words) > 1:
            words.pop()
        else:
            break
    return "".join(words)


def phone_key(phone):
    """DuplicateKeys.phone for the numbers generated here (021-… landlines, mobiles)."""
    digits = "".join(c for c in phone if c.isdigit())
    return digits if len(digits) >= 7 else None


def credit_code(district, n):
    """A valid 统一社会信用代码: 91 (enterprise) + district + organisation code MA…, check character per GB 32100."""
    first = f"91{district}MA{n:07d}"
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first, CREDIT_WEIGHTS))
    check = 31 - total % 31
    return first + CREDIT_ALPHABET[0 if check == 31 else check]


def company_name(index, rng):
    """The index-th name of the mixed-radix space (distinct indexes give distinct keys); beyond
    the space a counter goes into the trade."""
    size = len(CITIES) * len(WORDS1) * len(WORDS2) * len(TRADES)
    lap, index = divmod(index, size)
    index, t = divmod(index, len(TRADES))
    index, w2 = divmod(index, len(WORDS2))
    c, w1 = divmod(index, len(WORDS1))
    trade = TRADES[t] + (str(lap) if lap else "")
    legal = rng.choices([l for l, _ in LEGAL], [w for _, w in LEGAL])[0]
    return CITIES[c] + WORDS1[w1] + WORDS2[w2] + trade + legal, TRADES[t]


def fill(database, customers, follow_ups, opportunities):
    rng = random.Random(12)
    db = sqlite3.connect(database)
    db.row_factory = sqlite3.Row
    tenant_id = db.execute("SELECT tenant_id FROM partners WHERE is_customer = 1 GROUP BY tenant_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    template = dict(db.execute("SELECT * FROM partners WHERE tenant_id = ? AND is_customer = 1 LIMIT 1", (tenant_id,)).fetchone())
    sample = template["id"]
    as_blob = isinstance(sample, bytes)
    upper = not as_blob and str(sample).isupper()

    def new_id():
        u = uuid.uuid4()
        return u.bytes if as_blob else str(u).upper() if upper else str(u)

    reps = [tuple(r) for r in db.execute("""
        SELECT e.id, e.department_id, e.user_id FROM employees e JOIN user_roles ur ON ur.user_id = e.user_id
        JOIN roles r ON r.id = ur.role_id WHERE e.tenant_id = ? AND r.key = 'sales' AND e.archived = 0 ORDER BY e.code""", (tenant_id,))]
    if not reps:
        reps = [tuple(r) for r in db.execute("SELECT id, department_id, user_id FROM employees WHERE tenant_id = ? AND archived = 0", (tenant_id,))]
    stages = [dict(r) for r in db.execute("SELECT id, position, kind FROM crm_stages WHERE tenant_id = ? AND archived = 0 ORDER BY position",
                                          (tenant_id,))]
    if not stages:
        raise SystemExit("no opportunity stages: read GET /api/v1/crm/stages once before the fill (crm.py stages)")
    currency = db.execute("SELECT currency FROM tenants WHERE id = ?", (tenant_id,)).fetchone()[0]
    now = time.time()
    day = 86400.0

    # Customers, kept in memory until their last activity is known.
    partner_columns = list(template.keys())
    rows = []
    for n, index in enumerate(rng.sample(range(max(customers, len(CITIES) * len(WORDS1) * len(WORDS2) * len(TRADES))), customers)):
        name, trade = company_name(index, rng)
        owner, department, _ = rng.choice(reps)
        district, district_name = rng.choice(DISTRICTS)
        phone = (f"021-{rng.randint(5, 6)}{rng.randint(0, 9999999):07d}" if rng.random() < 0.6
                 else f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}")
        created = now - rng.uniform(0, 730) * day
        row = dict(template)
        row.update({
            "id": new_id(), "code": f"CRM{n + 1:07d}", "name": name, "is_customer": 1, "is_supplier": 0, "is_carrier": 0,
            "address": f"{district_name}{rng.choice(ROADS)}{rng.randint(1, 2000)}号", "city": "上海市", "region": None,
            "postal_code": f"200{rng.randint(0, 999):03d}", "country": "中国", "phone": phone, "email": None, "fax": None, "homepage": None,
            "archived": 0, "owner_id": owner, "department_id": department, "created_at": created, "created_by": None, "updated_at": created,
            "version": 1, "kind": "company", "name_key": name_key(name), "level": rng.choices("ABC", [15, 35, 50])[0],
            "industry": INDUSTRIES.get(trade, "other"), "source": rng.choice(SOURCES), "tags": rng.choice(TAGS),
            "tax_id": credit_code(district, n + 1) if rng.random() < 0.6 else None,
            "province_code": "31", "city_code": "3101", "district_code": district,
            "latitude": f"{rng.uniform(30.9, 31.4):.6f}", "longitude": f"{rng.uniform(121.2, 121.8):.6f}",
            "phone_key": phone_key(phone), "pool_reason": None, "credit_limit": rng.choice([None, 5000000, 10000000, 50000000]),
            "payment_terms_days": rng.choice([None, 30, 60, 90]), "owner_since": created, "last_activity_at": None, "pool_since": None,
            "previous_owner_id": None,
        })
        row["search_text"] = " ".join(x for x in (row["name"], row["city"], row["country"]) if x is not None).lower()
        rows.append(row)

    # One contact each.
    contact_columns = ["id", "tenant_id", "partner_id", "name", "title", "phone", "email", "position", "version", "role", "birthday"]
    batch = []
    for row in rows:
        batch.append((new_id(), tenant_id, row["id"], rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(TITLES),
                      f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", None, 0, 1, rng.choice(ROLES), None))
    db.executemany(f"INSERT INTO partner_contacts ({', '.join(contact_columns)}) VALUES ({', '.join('?' for _ in contact_columns)})", batch)

    # Follow-ups on 85 % of the customers, by their owners.
    owners = {r[0]: r for r in reps}
    active = rows[: max(1, int(len(rows) * 0.85))] if rows else []
    follow_columns = ["id", "tenant_id", "customer_id", "lead_id", "opportunity_id", "visit_id", "kind", "notes", "at", "next_step", "next_at",
                      "owner_id", "department_id", "created_by", "created_at", "version"]
    batch = []
    for n in range(follow_ups if active else 0):
        customer = rng.choice(active)
        at = max(customer["created_at"], now - rng.uniform(0, 120) * day)
        if customer["last_activity_at"] is None or at > customer["last_activity_at"]:
            customer["last_activity_at"] = at
        owner = owners[customer["owner_id"]]
        nxt = rng.random() < 0.2
        batch.append((new_id(), tenant_id, customer["id"], None, None, None, rng.choice(KINDS), rng.choice(NOTES), at,
                      "再次跟进" if nxt else None, at + 7 * day if nxt else None, owner[0], owner[1], owner[2], at, 1))
        if len(batch) == 20000:
            db.executemany(f"INSERT INTO crm_follow_ups ({', '.join(follow_columns)}) VALUES ({', '.join('?' for _ in follow_columns)})", batch)
            batch = []
    db.executemany(f"INSERT INTO crm_follow_ups ({', '.join(follow_columns)}) VALUES ({', '.join('?' for _ in follow_columns)})", batch)

    for start in range(0, len(rows), 5000):
        db.executemany(f"INSERT INTO partners ({', '.join(partner_columns)}) VALUES ({', '.join('?' for _ in partner_columns)})",
                       [tuple(r[c] for c in partner_columns) for r in rows[start:start + 5000]])

    # Opportunities.
    open_stages = [s for s in stages if s["kind"] == "open"]
    won = [s for s in stages if s["kind"] == "won"]
    lost = [s for s in stages if s["kind"] == "lost"]
    opp_columns = ["id", "tenant_id", "number", "name", "customer_id", "stage_id", "amount", "currency", "expected_close", "competitors",
                   "lost_reason", "state", "furthest_position", "closed_at", "order_id", "lead_id", "owner_id", "department_id", "created_by",
                   "created_at", "updated_at", "version"]
    batch = []
    for n in range(opportunities if rows and open_stages else 0):
        customer = rng.choice(rows)
        owner = owners[customer["owner_id"]]
        created = max(customer["created_at"], now - rng.uniform(0, 365) * day)
        pick = rng.random()
        stage = won[0] if pick < 0.15 and won else lost[0] if pick < 0.30 and lost else rng.choice(open_stages)
        if stage["kind"] == "open":
            furthest, closed = stage["position"], None
            close_day = datetime.date.today() + datetime.timedelta(days=rng.randint(1, 365))
        else:
            furthest = open_stages[-1]["position"] if stage["kind"] == "won" else rng.choice(open_stages)["position"]
            closed = created + rng.uniform(0, now - created)
            close_day = datetime.datetime.fromtimestamp(closed, datetime.timezone.utc).date()
        year = datetime.datetime.fromtimestamp(created, datetime.timezone.utc).year
        short = customer["name_key"][:6]
        batch.append((new_id(), tenant_id, f"OPP-{year}-B{n + 1:07d}", f"{short}{rng.choice(PROJECTS)}", customer["id"], stage["id"],
                      rng.randint(50, 5000) * 10000, currency, close_day.isoformat(), None,
                      rng.choice(LOST_REASONS) if stage["kind"] == "lost" else None, stage["kind"], furthest, closed, None, None,
                      owner[0], owner[1], owner[2], created, closed or created, 1))
        if len(batch) == 20000:
            db.executemany(f"INSERT INTO crm_opportunities ({', '.join(opp_columns)}) VALUES ({', '.join('?' for _ in opp_columns)})", batch)
            batch = []
    db.executemany(f"INSERT INTO crm_opportunities ({', '.join(opp_columns)}) VALUES ({', '.join('?' for _ in opp_columns)})", batch)

    # The idle rule off, so that the hourly job does not move customers to the pool mid-run.
    if db.execute("SELECT COUNT(*) FROM partner_pool_rules WHERE tenant_id = ?", (tenant_id,)).fetchone()[0]:
        db.execute("UPDATE partner_pool_rules SET idle_days = 0 WHERE tenant_id = ?", (tenant_id,))
    else:
        db.execute("INSERT INTO partner_pool_rules (id, tenant_id, idle_days, max_owned, daily_claims, reclaim_days, updated_at, version) "
                   "VALUES (?, ?, 0, 200, 10, 7, ?, 1)", (new_id(), tenant_id, now))
    db.commit()
    count = lambda sql: db.execute(sql, (tenant_id,)).fetchone()[0]
    print(f"customers of the company: {count('SELECT COUNT(*) FROM partners WHERE tenant_id = ? AND is_customer = 1')}, "
          f"follow-ups: {count('SELECT COUNT(*) FROM crm_follow_ups WHERE tenant_id = ?')}, "
          f"opportunities: {count('SELECT COUNT(*) FROM crm_opportunities WHERE tenant_id = ?')}", file=sys.stderr)
    db.execute("ANALYZE")
    db.close()


class Session:
    def __init__(self, base, email):
        self.client = Client(base)
        status, body, _ = self.client.call("POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"sign-in of {email} answered {status}: {body}")
        self.token = body["token"]

    def call(self, method, path, body=None):
        status, answer, elapsed = self.client.call(method, path, self.token, body)
        if status != 200:
            raise SystemExit(f"FAILED: {method} {path} {body if body is not None else ''} answered {status}: {str(answer)[:500]}")
        return answer, elapsed


def size_of(answer):
    """A figure telling what came back: a list's total, matches, rows, stages or stops."""
    if isinstance(answer, list):
        return str(len(answer))
    for key in ("total", "matches", "stops", "stages", "rows", "reasons"):
        if key in answer:
            value = answer[key]
            if isinstance(value, list):
                return str(len(value))
            if key == "total" and answer.get("totalIsLowerBound"):
                return f"{value}+"
            return str(value)
    return "-"


def run_times(base, requests):
    admin = Session(base, ADMIN)
    # Values from the filled data: filled customers followed up in the last 30 days (a range, so
    # that never followed-up ones, sorted first by PostgreSQL's descending order, stay out).
    since = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    page, _ = admin.call("GET", f"/api/v1/partners/customers?limit=200&sort=-lastActivityAt&lastActivityAtFrom={since}")
    filled = [item for item in page["items"] if item["code"].startswith("CRM") and item.get("lastActivityAt")]
    if len(filled) < 50:
        raise SystemExit(f"only {len(filled)} filled customers followed up lately found in the list; was the fill run?")
    first = filled[0]
    name = first["name"]
    near = name[:4] + ("辉" if name[4] != "辉" else "耀") + name[5:]
    phone = next(item["phone"] for item in filled if item.get("phone"))
    stops = [item["id"] for item in filled[:50]]
    print(f"{'query':44} {'size':>8} {'n':>4} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  (ms, one client, uncached)")

    def timed(label, session, method, path, body=None):
        times = []
        answer = None
        for _ in range(requests):
            answer, elapsed = session.call(method, path, body)
            times.append(elapsed * 1000)
        times.sort()
        print(f"{label:44} {size_of(answer):>8} {len(times):>4} {percentile(times, 50):8.1f} {percentile(times, 90):8.1f} "
              f"{percentile(times, 99):8.1f} {times[-1]:8.1f}", flush=True)

    dup = "/api/v1/partners/customers/duplicates"
    timed("duplicates: exact name", admin, "POST", dup, {"name": name})
    timed("duplicates: near name (one character)", admin, "POST", dup, {"name": near})
    timed("duplicates: phone", admin, "POST", dup, {"phone": phone})
    timed("duplicates: tax id", admin, "POST", dup, {"taxId": "91310000MA1FL0000X"})
    timed("duplicates: name + phone + tax id", admin, "POST", dup, {"name": near, "phone": phone, "taxId": "91310000MA1FL0000X"})
    customers = "/api/v1/partners/customers?limit=50"
    for label, query in [("customers: default (name)", ""), ("customers: sort=-lastActivityAt", "&sort=-lastActivityAt"),
                         ("customers: level=A", "&level=A"), (f"customers: notFollowedSince={since}", f"&notFollowedSince={since}"),
                         ("customers: q=华信 (full scan)", "&q=%E5%8D%8E%E4%BF%A1"), ("customers: page 20", "&page=20")]:
        timed(label, admin, "GET", customers + query)
    rep = Session(base, REP)
    timed("customers as a sales rep: default", rep, "GET", customers)
    timed("customers as a sales rep: -lastActivityAt", rep, "GET", customers + "&sort=-lastActivityAt")
    timed(f"customers as a sales rep: notFollowedSince", rep, "GET", customers + f"&notFollowedSince={since}")
    for label, path in [("funnel", "/api/v1/crm/funnel"), ("forecast", "/api/v1/crm/forecast"), ("reports: sources", "/api/v1/crm/reports/sources"),
                        ("reports: activity", "/api/v1/crm/reports/activity"),
                        ("reports: idle customers (30 days)", "/api/v1/crm/reports/idle-customers?days=30"),
                        ("reports: outcomes", "/api/v1/crm/reports/outcomes"),
                        ("customer timeline", f"/api/v1/crm/customers/{first['id']}/timeline")]:
        timed(label, admin, "GET", path)
    timed("funnel as a sales rep", rep, "GET", "/api/v1/crm/funnel")
    timed("route plan, 50 stops", admin, "POST", "/api/v1/crm/routes/plan",
          {"startLatitude": "31.2304", "startLongitude": "121.4737", "customerIds": stops})


def run_stages(base):
    answer, _ = Session(base, ADMIN).call("GET", "/api/v1/crm/stages")
    print(f"opportunity stages: {len(answer)}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("stages")
    s.add_argument("--base", required=True)
    f = sub.add_parser("fill")
    f.add_argument("--database", required=True)
    f.add_argument("--customers", type=int, default=100000)
    f.add_argument("--follow-ups", type=int, default=1000000)
    f.add_argument("--opportunities", type=int, default=50000)
    t = sub.add_parser("time")
    t.add_argument("--base", required=True)
    t.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    if args.command == "fill":
        fill(args.database, args.customers, args.follow_ups, args.opportunities)
    elif args.command == "stages":
        run_stages(args.base)
    else:
        run_times(args.base, args.requests)


if __name__ == "__main__":
    main()
