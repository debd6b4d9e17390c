import XinyuCLI
// Usage errors are said in Chinese and English (UsageErrors.swift).
XinyuMain.main()
