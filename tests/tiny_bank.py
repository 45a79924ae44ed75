"""A small valid bank, as YAML text, for tests that break it one way at a time."""

GOOD = """\
id: tiny
version: "1"
title: Tiny bank
stages:
  - id: find
    title: Customers find out
    teams:
      - id: marketing
        name: Marketing
        questions:
          - id: find.marketing.value
            prompt: How will we state the value in money terms?
            why: Buyers who cannot see the value will not call us back.
          - id: find.marketing.leads
            prompt: How will we test the lead-to-sale path before launch?
            why: A broken path loses the first customers.
"""
