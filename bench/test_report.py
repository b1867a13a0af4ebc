#!/usr/bin/env python3
"""The result table's arithmetic and layout: python3 -m unittest discover -s bench -p 'test_*.py'"""
import os
import tempfile
import unittest

import report


class RatioTest(unittest.TestCase):

    def test_throughput_ratio_is_platform_over_peer(self):
        self.assertAlmostEqual(report.ratio("throughput", "300", "150"), 2.0)

    def test_latency_ratio_is_peer_over_platform_so_above_one_favours_the_platform(self):
        self.assertAlmostEqual(report.ratio("latency", "5", "20"), 4.0)
        self.assertAlmostEqual(report.ratio("latency", "20", "5"), 0.25)

    def test_size_ratio_is_peer_over_platform_like_latency(self):
        self.assertAlmostEqual(report.ratio("size", "100", "300"), 3.0)

    def test_a_missing_or_zero_figure_has_no_ratio(self):
        self.assertIsNone(report.ratio("throughput", "-", "10"))
        self.assertIsNone(report.ratio("latency", "12", "-"))
        self.assertIsNone(report.ratio("throughput", "0", "10"))


class TableTest(unittest.TestCase):

    def write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8")
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_rows_keep_their_order_and_show_units_and_ratios(self):
        rows = report.read_figures(self.write(
            "1. port 25\taccepted\tmsg/s\tthroughput\t412.5\t206.25\n"
            "3. POP3\tPASS p50\tms\tlatency\t2.5\t10\n"
            "4. IMAP\tcommands\tcmd/s\tthroughput\t-\t88\n"))
        lines = report.table(rows).splitlines()
        self.assertEqual(lines[0], "| Workload | Figure | Platform | Postfix/Dovecot | Ratio (>1: platform better) |")
        self.assertEqual(lines[2], "| 1. port 25 | accepted | 412 msg/s | 206 msg/s | 2.00 |")
        self.assertEqual(lines[3], "| 3. POP3 | PASS p50 | 2.50 ms | 10.0 ms | 4.00 |")
        self.assertEqual(lines[4], "| 4. IMAP | commands | - | 88.0 cmd/s | - |")

    def test_a_malformed_line_is_refused(self):
        with self.assertRaises(ValueError):
            report.read_figures(self.write("1. port 25\taccepted\tmsg/s\tfast\t1\t2\n"))
        with self.assertRaises(ValueError):
            report.read_figures(self.write("only\tthree\tfields\n"))


if __name__ == "__main__":
    unittest.main()
