-- Wrong: LIMIT applies to the whole result, not to each department.
SELECT department, name, salary
FROM employees
WHERE department IS NOT NULL
ORDER BY salary DESC, id
LIMIT 2;
