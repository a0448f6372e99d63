-- Benchmarks/crm.sh --postgres: the fill of Benchmarks/crm.py, in SQL. For the company with the
-- most customers: :customers customers (codes CRM0000001…, distinct generated Chinese company names
-- city + two words + trade + legal form, name_key = the name without its legal form as
-- DuplicateKeys.name gives it, phone_key = the phone's digits, search_text = lower(name city
-- country), a valid 统一社会信用代码 on 60 %, level A/B/C, source, industry, one contact each,
-- coordinates in Shanghai with province 31 / city 3101 / district 3101xx, owners spread over the
-- sales reps with their departments, created over the last two years); :follow_ups follow-ups on
-- 85 % of them by their owners over the last 120 days (last_activity_at = the latest);
-- :opportunities opportunities over the company's stages (open 70 %, won 15 %, lost 15 %, with
-- furthest_position, closed_at and lost reasons consistent). The public pool's idle rule is turned
-- off (idle_days = 0). Run with
--   psql URL -v customers=100000 -v follow_ups=1000000 -v opportunities=50000 -f Benchmarks/crm-fill-postgres.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS 'SELECT a[1 + floor(random() * cardinality(a))::int]';
-- GB 32100 check character of the first 17 characters.
CREATE FUNCTION pg_temp.credit_code(first text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT first || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (1 + (31 - s % 31) % 31)::int, 1)
  FROM (SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first, i, 1)) - 1)
                   * (ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])[i]) AS s
        FROM generate_series(1, 17) AS i) x $$;

CREATE TEMP TABLE t AS
  SELECT p.tenant_id, (SELECT currency FROM tenants WHERE id = p.tenant_id) AS currency FROM partners p
  WHERE p.is_customer GROUP BY p.tenant_id ORDER BY count(*) DESC LIMIT 1;
CREATE TEMP TABLE reps AS
  SELECT row_number() OVER (ORDER BY e.code) AS rn, e.id, e.department_id, e.user_id
  FROM employees e JOIN user_roles ur ON ur.user_id = e.user_id JOIN roles r ON r.id = ur.role_id
  WHERE e.tenant_id = (SELECT tenant_id FROM t) AND r.key = 'sales' AND NOT e.archived;
CREATE TEMP TABLE v AS SELECT
  ARRAY['上海', '北京', '苏州', '杭州', '南京', '宁波', '无锡', '深圳', '广州', '武汉', '成都', '天津'] AS cities,
  ARRAY['华信', '东方', '金桥', '恒通', '宏达', '瑞丰', '鑫源', '中天', '长城', '新华', '永盛', '国泰', '海纳', '天成', '嘉禾', '联创', '博远', '凯旋', '明辉', '安泰', '盛世', '正泰', '宝龙', '浦江', '申达', '锦华', '远洋', '银河', '星光', '华宇', '德润', '汇丰', '建业', '隆鑫', '富康', '昌盛', '龙腾', '同济', '光明', '百川', '泰和', '万通', '启航', '晨曦', '飞跃', '宏图', '兴业', '金鼎', '荣华', '卓越', '华夏', '创新', '普惠', '致远', '天宇', '鸿运', '绿源', '世纪', '精诚', '和信'] AS w1,
  ARRAY['伟业', '达通', '凯瑞', '安信', '利民', '佳美', '新创', '润泽', '志诚', '通达', '鼎盛', '恒业', '嘉信', '祥瑞', '中联', '丰源', '康泰', '华盛', '乐天', '宇航', '顺发', '和美', '俊杰', '金辉', '美达', '鹏程', '旭日', '长江', '海天', '立信', '同创', '远大', '茂源', '汇通', '欣荣', '锐思', '启明', '诚信', '众和', '兆丰', '雅居', '信达', '博雅', '聚源', '亿达', '晟华', '天润', '华东', '北辰', '南方', '金石', '银泰', '瑞祥', '豪斯', '优品', '锦程', '英华', '万盛', '天健', '创捷'] AS w2,
  ARRAY['科技', '贸易', '电子', '机械', '实业', '物流', '食品', '化工', '建材', '医疗器械', '信息技术', '网络科技', '餐饮管理', '服装', '包装材料', '汽车配件', '环保科技', '生物科技', '新材料', '文化传媒', '教育科技', '进出口', '印刷', '家具'] AS trades,
  ARRAY['technology', 'other', 'electronics', 'machinery', 'other', 'logistics', 'food', 'chemicals', 'construction', 'healthcare', 'technology', 'technology', 'hospitality', 'textiles', 'other', 'automotive', 'other', 'healthcare', 'other', 'media', 'education', 'other', 'other', 'other'] AS industries,
  ARRAY['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310114', '310115', '310116', '310117', '310118', '310120', '310151'] AS districts,
  ARRAY['黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区', '嘉定区', '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区'] AS district_names;

-- Customers: distinct indexes into the 12 × 60 × 60 × 24 name space (beyond it a counter joins the trade).
CREATE TEMP TABLE c AS
  SELECT row_number() OVER () AS n, gen_random_uuid() AS id, x.idx, x.idx % 24 AS tr, (x.idx / 24) % 60 AS b, (x.idx / 1440) % 60 AS a,
         (x.idx / 86400) % 12 AS ci, x.idx / 1036800 AS lap, 1 + floor(random() * 16)::int AS d, random() AS r_legal, random() AS r_phone,
         random() AS r_tax, now() - random() * 730 * interval '1 day' AS created, 1 + floor(random() * (SELECT count(*) FROM reps))::int AS rep
  FROM (SELECT idx FROM generate_series(0, greatest(:customers, 1036800) - 1) AS idx ORDER BY random() LIMIT :customers) x;
CREATE TEMP TABLE cc AS
  SELECT c.n, c.id, c.created, r.id AS owner_id, r.department_id, r.user_id, v.districts[c.d] AS district, v.district_names[c.d] AS district_name,
         v.cities[c.ci + 1] || v.w1[c.a + 1] || v.w2[c.b + 1] || v.trades[c.tr + 1] || CASE WHEN c.lap > 0 THEN c.lap::text ELSE '' END AS base,
         CASE WHEN c.r_legal < 0.70 THEN '有限公司' WHEN c.r_legal < 0.80 THEN '股份有限公司' WHEN c.r_legal < 0.92 THEN '有限责任公司' ELSE '集团有限公司' END AS legal,
         v.industries[c.tr + 1] AS industry,
         CASE WHEN c.r_phone < 0.6 THEN '021-' || (5 + floor(random() * 2))::int || lpad(floor(random() * 10000000)::int::text, 7, '0')
              ELSE '1' || pg_temp.pick(ARRAY['3', '5', '8', '9']) || lpad(floor(random() * 1000000000)::bigint::text, 9, '0') END AS phone,
         c.r_tax < 0.6 AS has_tax
  FROM c CROSS JOIN v JOIN reps r ON r.rn = c.rep;

-- Follow-ups on the first 85 % of the customers.
CREATE TEMP TABLE fu AS
  SELECT gen_random_uuid() AS id, x.pick, random() AS r FROM generate_series(1, :follow_ups) AS g
  CROSS JOIN LATERAL (SELECT 1 + floor(random() * greatest(1, floor(:customers * 0.85)))::int AS pick WHERE g > 0) x;
CREATE TEMP TABLE fu2 AS
  SELECT f.id, cc.id AS customer_id, cc.owner_id, cc.department_id, cc.user_id,
         greatest(cc.created, now() - f.r * 120 * interval '1 day') AS at
  FROM fu f JOIN cc ON cc.n = f.pick;
CREATE TEMP TABLE last AS SELECT customer_id, max(at) AS at FROM fu2 GROUP BY customer_id;

INSERT INTO partners (id, tenant_id, code, name, is_customer, is_supplier, is_carrier, address, city, region, postal_code, country, phone,
                      email, fax, homepage, search_text, archived, owner_id, department_id, created_at, created_by, updated_at, version, kind,
                      name_key, level, industry, source, tags, tax_id, province_code, city_code, district_code, latitude, longitude,
                      phone_key, pool_reason, credit_limit, payment_terms_days, owner_since, last_activity_at, pool_since, previous_owner_id)
  SELECT cc.id, (SELECT tenant_id FROM t), 'CRM' || lpad(cc.n::text, 7, '0'), cc.base || cc.legal, true, false, false,
         cc.district_name || pg_temp.pick(ARRAY['南京西路', '淮海中路', '世纪大道', '张江路', '漕溪北路', '延安西路', '四平路', '中山北路', '虹桥路', '沪闵路', '陆家嘴环路', '长寿路'])
           || (1 + floor(random() * 2000))::int || '号',
         '上海市', NULL, '200' || lpad(floor(random() * 1000)::int::text, 3, '0'), '中国', cc.phone, NULL, NULL, NULL,
         lower(cc.base || cc.legal || ' 上海市 中国'), false, cc.owner_id, cc.department_id, cc.created, NULL, cc.created, 1, 'company',
         cc.base, CASE WHEN random() < 0.15 THEN 'A' WHEN random() < 0.41 THEN 'B' ELSE 'C' END, cc.industry,
         pg_temp.pick(ARRAY['referral', 'website', 'exhibition', 'cold_call']),
         pg_temp.pick(ARRAY[NULL, NULL, NULL, NULL, NULL, NULL, NULL, '|重点|', '|vip|', '|华东|重点|']),
         CASE WHEN cc.has_tax THEN pg_temp.credit_code('91' || cc.district || 'MA' || lpad(cc.n::text, 7, '0')) END,
         '31', '3101', cc.district, to_char(30.9 + random() * 0.5, 'FM90.000000'), to_char(121.2 + random() * 0.6, 'FM990.000000'),
         regexp_replace(cc.phone, '[^0-9]', '', 'g'), NULL,
         (ARRAY[NULL, 5000000, 10000000, 50000000]::bigint[])[1 + floor(random() * 4)::int], (ARRAY[NULL, 30, 60, 90])[1 + floor(random() * 4)::int],
         cc.created, l.at, NULL, NULL
  FROM cc LEFT JOIN last l ON l.customer_id = cc.id;

INSERT INTO partner_contacts (id, tenant_id, partner_id, name, title, phone, email, position, version, role, birthday)
  SELECT gen_random_uuid(), (SELECT tenant_id FROM t), cc.id,
         pg_temp.pick(ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'])
           || pg_temp.pick(ARRAY['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国']),
         pg_temp.pick(ARRAY['总经理', '采购经理', '财务主管', '技术总监', '行政经理', '销售总监']),
         '1' || pg_temp.pick(ARRAY['3', '5', '8', '9']) || lpad(floor(random() * 1000000000)::bigint::text, 9, '0'), NULL, 0, 1,
         pg_temp.pick(ARRAY['decision_maker', 'influencer', 'user', 'finance', 'purchasing', 'technical', 'other']), NULL
  FROM cc;

INSERT INTO crm_follow_ups (id, tenant_id, customer_id, lead_id, opportunity_id, visit_id, kind, notes, at, next_step, next_at, owner_id,
                            department_id, created_by, created_at, version)
  SELECT f.id, (SELECT tenant_id FROM t), f.customer_id, NULL, NULL, NULL, pg_temp.pick(ARRAY['call', 'visit', 'email', 'meeting', 'message']),
         pg_temp.pick(ARRAY['电话沟通了新一季度的采购计划', '上门拜访，介绍了新产品', '发送了报价单和产品资料', '与采购部开会讨论合同条款', '微信确认了样品收到', '客户反馈价格偏高，需要再议', '约定下周安排技术交流', '跟进回款进度']),
         f.at, CASE WHEN n.next THEN '再次跟进' END, CASE WHEN n.next THEN f.at + interval '7 days' END, f.owner_id, f.department_id, f.user_id,
         f.at, 1
  FROM fu2 f CROSS JOIN LATERAL (SELECT random() < 0.2 AS next WHERE f.id IS NOT NULL) n;

-- Opportunities over the stages.
CREATE TEMP TABLE st AS
  SELECT (SELECT array_agg(id ORDER BY position) FROM crm_stages WHERE tenant_id = (SELECT tenant_id FROM t) AND kind = 'open' AND NOT archived) AS open_ids,
         (SELECT array_agg(position ORDER BY position) FROM crm_stages WHERE tenant_id = (SELECT tenant_id FROM t) AND kind = 'open' AND NOT archived) AS open_pos,
         (SELECT id FROM crm_stages WHERE tenant_id = (SELECT tenant_id FROM t) AND kind = 'won' AND NOT archived ORDER BY position LIMIT 1) AS won_id,
         (SELECT id FROM crm_stages WHERE tenant_id = (SELECT tenant_id FROM t) AND kind = 'lost' AND NOT archived ORDER BY position LIMIT 1) AS lost_id;
DO $$ BEGIN
  IF (SELECT open_ids IS NULL OR won_id IS NULL OR lost_id IS NULL FROM st) THEN
    RAISE EXCEPTION 'no opportunity stages: read GET /api/v1/crm/stages once before the fill';
  END IF;
END $$;
CREATE TEMP TABLE o AS
  SELECT g, gen_random_uuid() AS id, 1 + floor(random() * :customers)::int AS pick, random() AS p, random() AS r_stage, random() AS r_created,
         random() AS r_closed
  FROM generate_series(1, :opportunities) AS g;
CREATE TEMP TABLE o2 AS
  SELECT o.g, o.id, cc.id AS customer_id, cc.base, cc.owner_id, cc.department_id, cc.user_id,
         CASE WHEN o.p < 0.15 THEN 'won' WHEN o.p < 0.30 THEN 'lost' ELSE 'open' END AS state,
         1 + floor(o.r_stage * cardinality(st.open_ids))::int AS open_pick,
         greatest(cc.created, now() - o.r_created * 365 * interval '1 day') AS created, o.r_closed
  FROM o JOIN cc ON cc.n = o.pick CROSS JOIN st;
INSERT INTO crm_opportunities (id, tenant_id, number, name, customer_id, stage_id, amount, currency, expected_close, competitors, lost_reason,
                               state, furthest_position, closed_at, order_id, lead_id, owner_id, department_id, created_by, created_at,
                               updated_at, version)
  SELECT x.id, (SELECT tenant_id FROM t), 'OPP-' || extract(year FROM x.created)::int || '-B' || lpad(x.g::text, 7, '0'),
         left(x.base, 6) || pg_temp.pick(ARRAY['年度采购', '设备升级', '系统集成', '办公用品框架协议', '新厂区配套', '渠道合作', '试点项目', '维保续约']),
         x.customer_id, CASE x.state WHEN 'won' THEN st.won_id WHEN 'lost' THEN st.lost_id ELSE st.open_ids[x.open_pick] END,
         (50 + floor(random() * 4951))::bigint * 10000, (SELECT currency FROM t),
         CASE WHEN x.state = 'open' THEN to_char(current_date + (1 + floor(random() * 365))::int, 'YYYY-MM-DD')
              ELSE to_char((x.closed AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') END,
         NULL, CASE WHEN x.state = 'lost' THEN pg_temp.pick(ARRAY['价格太高', '选择了竞争对手', '预算取消', '项目延期', '无响应']) END, x.state,
         CASE x.state WHEN 'won' THEN st.open_pos[cardinality(st.open_pos)] ELSE st.open_pos[x.open_pick] END,
         x.closed, NULL, NULL, x.owner_id, x.department_id, x.user_id, x.created, coalesce(x.closed, x.created), 1
  FROM (SELECT o2.*, CASE WHEN o2.state = 'open' THEN NULL ELSE o2.created + o2.r_closed * (now() - o2.created) END AS closed FROM o2) x CROSS JOIN st;

-- The idle rule off, so that the hourly job does not move customers to the pool mid-run.
INSERT INTO partner_pool_rules (id, tenant_id, idle_days, max_owned, daily_claims, reclaim_days, updated_at, version)
  SELECT gen_random_uuid(), tenant_id, 0, 200, 10, 7, now(), 1 FROM t
  ON CONFLICT (tenant_id) DO UPDATE SET idle_days = 0;
COMMIT;
SELECT (SELECT count(*) FROM partners WHERE is_customer) AS customers, (SELECT count(*) FROM crm_follow_ups) AS follow_ups,
       (SELECT count(*) FROM crm_opportunities) AS opportunities;
VACUUM ANALYZE;
