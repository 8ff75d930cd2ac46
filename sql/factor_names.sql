-- Наименования факторов риска для заголовков сводки.
SELECT factor, MIN(factor_name) AS factor_name
FROM risks
GROUP BY factor
ORDER BY factor
