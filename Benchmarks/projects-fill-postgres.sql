-- Benchmarks/projects.sh --postgres: the fill of Benchmarks/projects.py, in SQL. For the company of
-- the project "Gantt" (made through the API before): 20 projects PRJ-B-0001… like the API's one (a
-- manager with the manager's department, planning/active, the company's currency, no budget;
-- members: the manager and three others), :tasks tasks spread over the company's employees as
-- assignees (department_id = theirs, time zone = the company's): 70 % in one of the 20 projects,
-- due over ±60 days around now with due_day in that zone, a start a few days before on a third,
-- statuses 60 % not_started / 25 % in_progress / 15 % done (status = status_category; done ones
-- completed), priorities low/normal/high/urgent, labels '[]' or '["x"]', an estimate on 80 %,
-- created by the administrator (the Gantt project's creator), search_text = lower(title); then
-- :gantt tasks in "Gantt" with starts and dues spread over its dates and ~:gantt/2 finish-to-start
-- rows in proj_task_dependencies, each to an earlier task. Run with
--   psql URL -v tasks=100000 -v gantt=2000 -f Benchmarks/projects-fill-postgres.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS 'SELECT a[1 + floor(random() * cardinality(a))::int]';

CREATE TEMP TABLE g AS
  SELECT p.id, p.tenant_id, p.created_by AS admin_user, p.manager_id AS admin_employee, p.currency, p.starts_on, p.ends_on,
         coalesce(t.time_zone, 'UTC') AS zone
  FROM proj_projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.name = 'Gantt' ORDER BY p.created_at DESC LIMIT 1;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM g) THEN RAISE EXCEPTION 'no project ''Gantt'': run projects.py setup before the fill'; END IF;
END $$;
CREATE TEMP TABLE emp AS
  SELECT row_number() OVER (ORDER BY e.code) AS rn, e.id, e.department_id
  FROM employees e WHERE e.tenant_id = (SELECT tenant_id FROM g) AND NOT e.archived;

-- 20 projects and their members.
CREATE TEMP TABLE pr AS
  SELECT n, gen_random_uuid() AS id, 'PRJ-B-' || lpad(n::text, 4, '0') AS code,
         'Bench project ' || n || ' ' || pg_temp.pick(ARRAY['contract', 'shelving', 'invoice', 'warehouse', 'samples', 'price list', 'website', 'forecast', 'supplier', 'catalogue']) AS name,
         1 + floor(random() * (SELECT count(*) FROM emp))::int AS manager
  FROM generate_series(1, 20) AS n;
INSERT INTO proj_projects (id, tenant_id, code, name, description, customer_id, manager_id, department_id, starts_on, ends_on, status,
                           dependency_rule, currency, budget_labour, budget_expenses, budget_purchases, budget_other, search_text, created_by,
                           created_at, updated_at, version)
  SELECT pr.id, g.tenant_id, pr.code, pr.name, NULL, NULL, e.id, e.department_id, to_char(current_date - 120, 'YYYY-MM-DD'),
         to_char(current_date + 120, 'YYYY-MM-DD'), CASE WHEN pr.n % 4 = 1 THEN 'planning' ELSE 'active' END, 'flexible', g.currency, 0, 0, 0, 0,
         lower(pr.code || ' ' || pr.name), g.admin_user, now() - interval '120 days', now() - interval '120 days', 1
  FROM pr CROSS JOIN g JOIN emp e ON e.rn = pr.manager;
INSERT INTO proj_members (id, tenant_id, project_id, employee_id, role)
  SELECT gen_random_uuid(), g.tenant_id, pr.id, e.id, 'manager' FROM pr CROSS JOIN g JOIN emp e ON e.rn = pr.manager;
INSERT INTO proj_members (id, tenant_id, project_id, employee_id, role)
  SELECT gen_random_uuid(), g.tenant_id, x.id, x.employee, 'member'
  FROM (SELECT pr.id, e.id AS employee, row_number() OVER (PARTITION BY pr.id ORDER BY random()) AS k
        FROM pr JOIN emp e ON e.rn <> pr.manager) x CROSS JOIN g WHERE x.k <= 3;
CREATE TEMP TABLE prs AS SELECT array_agg(id ORDER BY n) AS ids FROM pr;

-- Tasks: the company's (70 % in a filled project) and the Gantt project's, in one go.
CREATE TEMP TABLE tk AS
  SELECT n, gen_random_uuid() AS id, 1 + floor(random() * (SELECT count(*) FROM emp))::int AS who,
         CASE WHEN random() < 0.7 THEN (SELECT ids FROM prs)[1 + floor(random() * 20)::int] END AS project_id,
         now() + (random() * 120 - 60) * interval '1 day' AS due_at, random() AS r_start, random() AS r_status, random() AS r_priority,
         false AS in_gantt
  FROM generate_series(1, :tasks) AS n;
INSERT INTO tk
  SELECT n, gen_random_uuid(), 1 + floor(random() * (SELECT count(*) FROM emp))::int, g.id,
         NULL, random(), random(), random(), true
  FROM generate_series(1, :gantt) AS n CROSS JOIN g;
ALTER TABLE tk ADD COLUMN starts_at timestamptz;
-- Company tasks: a start 1–10 days before the due time on a third.
UPDATE tk SET starts_at = due_at - (1 + random() * 9) * interval '1 day' WHERE NOT in_gantt AND r_start < 0.33;
-- Gantt tasks: starts spread over the project's dates, due 1–20 days later (not after its end).
UPDATE tk SET starts_at = x.b + (x.e - x.b) * (tk.n::float / :gantt) * (0.8 + random() * 0.2)
  FROM (SELECT (starts_on::date + time '09:00') AT TIME ZONE zone AS b, (ends_on::date + time '17:00') AT TIME ZONE zone AS e FROM g) x
  WHERE tk.in_gantt;
UPDATE tk SET due_at = least(starts_at + (1 + random() * 19) * interval '1 day', (SELECT (ends_on::date + time '17:00') AT TIME ZONE zone FROM g))
  WHERE in_gantt;

INSERT INTO proj_tasks (id, tenant_id, project_id, phase_id, milestone_id, parent_id, depth, title, description, assignee_id, department_id,
                        creator_id, starts_at, due_at, start_day, due_day, time_zone, priority, status, status_category, labels, estimated_ch,
                        spent_ch, checklist_done, checklist_total, customer_id, order_id, approval_id, remind_minutes, reminded_at,
                        overdue_noticed_at, recurrence, next_occurrence_id, completed_at, search_text, created_by, created_at, updated_at, version)
  SELECT x.id, g.tenant_id, x.project_id, NULL, NULL, NULL, 0, x.title, NULL, e.id, e.department_id, g.admin_employee, x.starts_at, x.due_at,
         to_char(x.starts_at AT TIME ZONE g.zone, 'YYYY-MM-DD'), to_char(x.due_at AT TIME ZONE g.zone, 'YYYY-MM-DD'), g.zone,
         CASE WHEN x.r_priority < 0.2 THEN 'low' WHEN x.r_priority < 0.7 THEN 'normal' WHEN x.r_priority < 0.9 THEN 'high' ELSE 'urgent' END,
         x.status, x.status, CASE WHEN random() < 0.2 THEN '["x"]' ELSE '[]' END,
         CASE WHEN random() < 0.8 THEN (ARRAY[50, 100, 200, 400, 800])[1 + floor(random() * 5)::int] END, 0, 0, 0, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, CASE WHEN x.status = 'done' THEN least(now(), x.due_at) END, lower(x.title), g.admin_user, x.created, x.created, 1
  FROM (SELECT tk.*, CASE WHEN tk.r_status < 0.6 THEN 'not_started' WHEN tk.r_status < 0.85 THEN 'in_progress' ELSE 'done' END AS status,
               initcap(pg_temp.pick(ARRAY['review', 'install', 'order', 'inspect', 'deliver', 'design', 'audit', 'plan', 'call', 'prepare', 'update', 'check']))
                 || ' ' || pg_temp.pick(ARRAY['contract', 'shelving', 'invoice', 'warehouse', 'samples', 'price list', 'website', 'forecast', 'supplier', 'catalogue'])
                 || ' ' || tk.n AS title,
               least(now(), coalesce(tk.starts_at, tk.due_at) - (1 + random() * 29) * interval '1 day') AS created
        FROM tk) x
  CROSS JOIN g JOIN emp e ON e.rn = x.who;

-- ~:gantt/2 finish-to-start links, each from a Gantt task to one of the 50 before it.
INSERT INTO proj_task_dependencies (id, tenant_id, task_id, predecessor_id)
  SELECT gen_random_uuid(), (SELECT tenant_id FROM g), l.task_id, l.predecessor_id
  FROM (SELECT DISTINCT a.id AS task_id, b.id AS predecessor_id
        FROM (SELECT 1 + floor(random() * (:gantt - 1))::int AS later FROM generate_series(1, :gantt / 2) WHERE :gantt > 1) r
        CROSS JOIN LATERAL (SELECT r.later - floor(random() * least(50, r.later))::int - 1 AS earlier WHERE r.later IS NOT NULL) q
        JOIN tk a ON a.in_gantt AND a.n = r.later + 1 JOIN tk b ON b.in_gantt AND b.n = q.earlier + 1) l;
COMMIT;
SELECT (SELECT count(*) FROM proj_tasks) AS tasks, (SELECT count(*) FROM proj_projects) AS projects,
       (SELECT count(*) FROM proj_task_dependencies) AS dependencies;
VACUUM ANALYZE;
