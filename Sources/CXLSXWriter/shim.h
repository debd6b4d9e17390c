// libxlsxwriter's C API (Debian libxlsxwriter-dev): writes Excel 2007+ .xlsx workbooks.
#include <xlsxwriter.h>
