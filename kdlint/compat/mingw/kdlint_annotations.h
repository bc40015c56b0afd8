/* kdlint driver annotations for the mingw-w64 layer (written for kdlint).
 *
 * mingw-w64's sal.h and driverspecs.h define the driver annotations as nothing. kdlint reads
 * the role and IRQL annotations from the AST instead, as __attribute__((annotate("kd:<name>:
 * <argument>"))), the form kdlint's own model headers use. This file has no include guard on
 * purpose: the sal.h and driverspecs.h wrappers include it after mingw-w64's own header, so the
 * annotate form wins whichever of the two is read last.
 */
#undef _Function_class_
#define _Function_class_(name) __attribute__((annotate("kd:Function_class:" #name)))
#undef _Dispatch_type_
#define _Dispatch_type_(major) __attribute__((annotate("kd:Dispatch_type:" #major)))
#undef _IRQL_requires_max_
#define _IRQL_requires_max_(irql) __attribute__((annotate("kd:IRQL_requires_max:" #irql)))
#undef _IRQL_requires_min_
#define _IRQL_requires_min_(irql) __attribute__((annotate("kd:IRQL_requires_min:" #irql)))
#undef _IRQL_requires_
#define _IRQL_requires_(irql) __attribute__((annotate("kd:IRQL_requires:" #irql)))
#undef _IRQL_raises_
#define _IRQL_raises_(irql) __attribute__((annotate("kd:IRQL_raises:" #irql)))
#undef _IRQL_saves_
#define _IRQL_saves_ __attribute__((annotate("kd:IRQL_saves:")))
#undef _IRQL_restores_
#define _IRQL_restores_ __attribute__((annotate("kd:IRQL_restores:")))
#undef _IRQL_saves_global_
#define _IRQL_saves_global_(kind, param) __attribute__((annotate("kd:IRQL_saves_global:" #kind)))
#undef _IRQL_restores_global_
#define _IRQL_restores_global_(kind, param) __attribute__((annotate("kd:IRQL_restores_global:" #kind)))
#undef _IRQL_requires_same_
#define _IRQL_requires_same_ __attribute__((annotate("kd:IRQL_requires_same:")))
#undef _IRQL_uses_cancel_
#define _IRQL_uses_cancel_ __attribute__((annotate("kd:IRQL_uses_cancel:")))
#undef _IRQL_is_cancel_
#define _IRQL_is_cancel_ __attribute__((annotate("kd:IRQL_is_cancel:")))
#undef _Kernel_float_used_
#define _Kernel_float_used_ __attribute__((annotate("kd:Kernel_float_used:")))
#undef _Kernel_clear_do_init_
#define _Kernel_clear_do_init_(yesno) __attribute__((annotate("kd:Kernel_clear_do_init:" #yesno)))
