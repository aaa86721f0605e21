### index.html and the report files: headline, tables, charts, the exceptions browser.
