-- Высокие и средние риски по факторам в каждом муниципалитете (FactorFigures в src/core/regional-summary.ts).
SELECT
  municipality,
  factor,
  COUNTIF(level = 'высокий') AS high,
  COUNTIF(level = 'средний') AS medium,
  COUNTIF(NOT covered) AS uncovered
FROM coverage
GROUP BY municipality, factor
ORDER BY municipality, factor
