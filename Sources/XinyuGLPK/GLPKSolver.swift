// GLPK backend: see GLPKSolver.swift
