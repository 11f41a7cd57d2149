"""qnreport: the yearly industrial-plan report of Sở Công Thương Quảng Ngãi, as a pipeline.

outline → workbook (blank templates) → reader/validate (findings) → consolidate →
render (Word, summary workbook) → build (rounds, incremental rebuilds).
"""

__version__ = "0.1.0"
