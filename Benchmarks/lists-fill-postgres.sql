-- Benchmarks/lists.sh --postgres: the fill of Benchmarks/lists.py, in SQL. Copies the company's
-- orders (new ids and numbers, dates spread over 1996–2026, states as they are) until it has
-- :orders orders, each copy with :lines lines drawn at random from the company's own lines; a
-- copy's untaxed total is the sum of its lines. Run with
--   psql URL -v orders=100000 -v lines=10 -f Benchmarks/lists-fill-postgres.sql
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE src AS
  SELECT o.*, row_number() OVER (ORDER BY o.number) AS rn FROM sales_orders o
  WHERE o.tenant_id = (SELECT tenant_id FROM sales_orders GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 1);
CREATE TEMP TABLE pool AS
  SELECT l.*, row_number() OVER (ORDER BY l.id) AS rn FROM sales_order_lines l WHERE l.tenant_id = (SELECT tenant_id FROM src LIMIT 1);
CREATE TEMP TABLE fresh AS
  SELECT g, gen_random_uuid() AS id, 1996 + floor(random() * 31)::int AS y, 1 + floor(random() * 12)::int AS m, 1 + floor(random() * 28)::int AS d
  FROM generate_series((SELECT count(*) FROM src), :orders - 1) AS g;
INSERT INTO sales_orders (id, tenant_id, number, state, order_date, required_date, shipped_date, customer_id, customer_name, search_text,
                          salesperson_id, salesperson_name, department_id, carrier_id, currency, untaxed_minor, freight_minor, ship_name,
                          ship_address, ship_city, ship_region, ship_postal_code, ship_country, notes, created_at, created_by, updated_at,
                          updated_by, version)
  SELECT f.id, s.tenant_id, 'SO-' || f.y || '-B' || lpad(f.g::text, 7, '0'), s.state, to_char(make_date(f.y, f.m, f.d), 'YYYY-MM-DD'),
         s.required_date, s.shipped_date, s.customer_id, s.customer_name,
         lower('SO-' || f.y || '-B' || lpad(f.g::text, 7, '0') || ' ' || coalesce(s.customer_name, '')),
         s.salesperson_id, s.salesperson_name, s.department_id, s.carrier_id, s.currency, 0, s.freight_minor, s.ship_name,
         s.ship_address, s.ship_city, s.ship_region, s.ship_postal_code, s.ship_country, s.notes, s.created_at, s.created_by, s.updated_at,
         s.updated_by, s.version
  FROM fresh f JOIN src s ON s.rn = 1 + f.g % (SELECT count(*) FROM src);
INSERT INTO sales_order_lines (id, tenant_id, order_id, position, product_id, quantity, unit_price_minor, discount, amount_minor)
  SELECT gen_random_uuid(), p.tenant_id, x.id, x.position, p.product_id, p.quantity, p.unit_price_minor, p.discount, p.amount_minor
  FROM (SELECT f.id, pos AS position, 1 + floor(random() * (SELECT count(*) FROM pool))::int AS pick
        FROM fresh f CROSS JOIN generate_series(0, :lines - 1) AS pos) x
  JOIN pool p ON p.rn = x.pick;
UPDATE sales_orders o SET untaxed_minor = t.total
  FROM (SELECT order_id, sum(amount_minor) AS total FROM sales_order_lines WHERE order_id IN (SELECT id FROM fresh) GROUP BY order_id) t
  WHERE o.id = t.order_id;
COMMIT;
SELECT (SELECT count(*) FROM sales_orders) AS orders, (SELECT count(*) FROM sales_order_lines) AS lines;
VACUUM ANALYZE;
