/* kdlint model header: written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#define VER_PRODUCTBUILD 19041
#define VER_PRODUCTBUILD_QFE 1
#define VER_PRODUCTMAJORVERSION 10
#define VER_PRODUCTMINORVERSION 0
#define VER_PRODUCTVERSION_W (0x0a00)
#define VER_PRODUCTVERSION_DW (0x0a000000 | VER_PRODUCTBUILD)
#define VER_PRODUCTVERSION_STRING "10.0"
#define VER_PRODUCTVERSION 10,0,VER_PRODUCTBUILD,VER_PRODUCTBUILD_QFE
#define VER_PRODUCTVERSION_STR "10.0.19041.1"
#define VER_COMPANYNAME_STR "Microsoft Corporation"
#define VER_PRODUCTNAME_STR "Microsoft\256 Windows\256 Operating System"
#define VER_LEGALCOPYRIGHT_STR "\251 Microsoft Corporation. All rights reserved."
#define VER_LEGALTRADEMARKS_STR "Microsoft\256 is a registered trademark of Microsoft Corporation."
