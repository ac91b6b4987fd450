"""planmaker：把 YAML 写成 GB/T 9704-2012 格式的工作计划与工作总结。"""

__version__ = "0.1.0"
