-- Региональная сводка: одна строка на муниципалитет (поля — MunicipalityFigures в src/core/regional-summary.ts).
-- Подмножество SQL, которое выполняют и DuckDB, и BigQuery (проверяет test/local/sql-subset.test.ts):
-- без приведения типов, без диалектных функций; окно отчётов — 30 дней по as_of включительно.
WITH act AS (
  SELECT
    municipality,
    COUNT(*) AS activities,
    COUNTIF(status = 'Выполнено') AS done,
    COUNTIF(status = 'Просрочено') AS overdue,
    MIN(CASE WHEN status = 'Просрочено' THEN due END) AS oldest_overdue_due,
    MAX(CASE WHEN status = 'Просрочено' THEN days_overdue END) AS max_days_overdue
  FROM activities
  GROUP BY municipality
),
recent AS (
  SELECT r.municipality, LOWER(TRIM(r.school)) AS school
  FROM reports AS r
  JOIN municipalities AS m ON m.municipality = r.municipality
  WHERE r.report_date <= m.as_of AND DATE_ADD(r.report_date, INTERVAL 29 DAY) >= m.as_of
),
rep AS (
  SELECT municipality, COUNT(*) AS reports_30d
  FROM recent
  GROUP BY municipality
),
reported AS (
  SELECT DISTINCT municipality, school
  FROM recent
),
-- Школы, от которых ждут отчёта: у школы есть назначенное ей мероприятие со статусом (её собственным)
-- из AWAITING_REPORT в src/core/status.ts — то же правило, что у «Школ без отчётов» недельной сводки.
awaited AS (
  SELECT DISTINCT municipality, LOWER(TRIM(school)) AS school
  FROM activity_schools
  WHERE status IN ('Просрочено', 'Скоро срок', 'В работе', 'Регулярное')
),
sch AS (
  SELECT
    s.municipality,
    COUNT(*) AS schools,
    COUNTIF(w.school IS NOT NULL AND p.school IS NULL) AS schools_without_reports
  FROM schools AS s
  LEFT JOIN awaited AS w ON w.municipality = s.municipality AND w.school = LOWER(TRIM(s.school))
  LEFT JOIN reported AS p ON p.municipality = s.municipality AND p.school = LOWER(TRIM(s.school))
  GROUP BY s.municipality
),
risk AS (
  SELECT
    municipality,
    COUNTIF(level = 'высокий') AS high,
    COUNTIF(level = 'средний') AS medium,
    COUNTIF(NOT covered) AS uncovered
  FROM coverage
  GROUP BY municipality
)
SELECT
  m.municipality,
  m.name,
  m.as_of,
  COALESCE(a.activities, 0) AS activities,
  COALESCE(a.done, 0) AS done,
  COALESCE(a.overdue, 0) AS overdue,
  a.oldest_overdue_due,
  a.max_days_overdue,
  COALESCE(rep.reports_30d, 0) AS reports_30d,
  COALESCE(sch.schools, 0) AS schools,
  COALESCE(sch.schools_without_reports, 0) AS schools_without_reports,
  COALESCE(risk.high, 0) AS high,
  COALESCE(risk.medium, 0) AS medium,
  COALESCE(risk.uncovered, 0) AS uncovered
FROM municipalities AS m
LEFT JOIN act AS a ON a.municipality = m.municipality
LEFT JOIN rep ON rep.municipality = m.municipality
LEFT JOIN sch ON sch.municipality = m.municipality
LEFT JOIN risk ON risk.municipality = m.municipality
ORDER BY m.municipality
