-- Wrong: forgets that a NULL department is not a department.
SELECT department, name, salary
FROM (
  SELECT department, name, salary, id,
         ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC, id) AS place
  FROM employees
) ranked
WHERE place <= 2
ORDER BY department, salary DESC, id;
