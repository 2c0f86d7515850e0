SELECT department, name, salary
FROM (
  SELECT department, name, salary, id,
         ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC, id) AS place
  FROM employees
  WHERE department IS NOT NULL
) ranked
WHERE place <= 2
ORDER BY department, salary DESC, id;
