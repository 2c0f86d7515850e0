-- Wrong: RANK() gives tied salaries the same place, so a tie returns three rows.
SELECT department, name, salary
FROM (
  SELECT department, name, salary, id,
         RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS place
  FROM employees
  WHERE department IS NOT NULL
) ranked
WHERE place <= 2
ORDER BY department, salary DESC, id;
