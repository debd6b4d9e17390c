import XinyuPack
