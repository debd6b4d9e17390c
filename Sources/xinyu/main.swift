import XinyuCLI
XinyuCommand.main()
