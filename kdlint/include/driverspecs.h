/* kdlint model header: driver annotations, written for kdlint from the documented WDK driver
 * annotation vocabulary (learn.microsoft.com "SAL 2.0 annotations for Windows drivers"), not copied.
 * IRQL, role (function class / dispatch type), floating-point and resource annotations expand to
 * __attribute__((annotate("kd:<name>:<argument>"))) so kdlint can read them from the AST
 * (clang copies them onto redeclarations, so _Use_decl_annotations_ definitions see them).
 * Everything else expands to nothing. */
#pragma once
#ifndef _KDLINT_DRIVERSPECS_H
#define _KDLINT_DRIVERSPECS_H
#include <sal.h>

#define _KD_ANNOTATE(s) __attribute__((annotate(s)))

/* IRQL */
#define _IRQL_requires_max_(irql)            _KD_ANNOTATE("kd:IRQL_requires_max:" #irql)
#define _IRQL_requires_min_(irql)            _KD_ANNOTATE("kd:IRQL_requires_min:" #irql)
#define _IRQL_requires_(irql)                _KD_ANNOTATE("kd:IRQL_requires:" #irql)
#define _IRQL_raises_(irql)                  _KD_ANNOTATE("kd:IRQL_raises:" #irql)
#define _IRQL_saves_                         _KD_ANNOTATE("kd:IRQL_saves:")
#define _IRQL_restores_                      _KD_ANNOTATE("kd:IRQL_restores:")
#define _IRQL_saves_global_(kind, param)     _KD_ANNOTATE("kd:IRQL_saves_global:" #kind)
#define _IRQL_restores_global_(kind, param)  _KD_ANNOTATE("kd:IRQL_restores_global:" #kind)
#define _IRQL_requires_same_                 _KD_ANNOTATE("kd:IRQL_requires_same:")
#define _IRQL_always_function_max_(irql)     _KD_ANNOTATE("kd:IRQL_always_function_max:" #irql)
#define _IRQL_always_function_min_(irql)     _KD_ANNOTATE("kd:IRQL_always_function_min:" #irql)
#define _IRQL_uses_cancel_                   _KD_ANNOTATE("kd:IRQL_uses_cancel:")
#define _IRQL_is_cancel_                     _KD_ANNOTATE("kd:IRQL_is_cancel:")
#define _IRQL_limited_to_(irql)

/* roles */
#define _Function_class_(name)               _KD_ANNOTATE("kd:Function_class:" #name)
#define _Dispatch_type_(major)               _KD_ANNOTATE("kd:Dispatch_type:" #major)

/* floating point, resources, do-init */
#define _Kernel_float_used_                  _KD_ANNOTATE("kd:Kernel_float_used:")
#define _Kernel_float_saved_                 _KD_ANNOTATE("kd:Kernel_float_saved:")
#define _Kernel_float_restored_              _KD_ANNOTATE("kd:Kernel_float_restored:")
#define _Kernel_acquires_resource_(kind)     _KD_ANNOTATE("kd:Kernel_acquires_resource:" #kind)
#define _Kernel_releases_resource_(kind)     _KD_ANNOTATE("kd:Kernel_releases_resource:" #kind)
#define _Kernel_requires_resource_held_(kind)     _KD_ANNOTATE("kd:Kernel_requires_resource_held:" #kind)
#define _Kernel_requires_resource_not_held_(kind) _KD_ANNOTATE("kd:Kernel_requires_resource_not_held:" #kind)
#define _Kernel_clear_do_init_(yesno)        _KD_ANNOTATE("kd:Kernel_clear_do_init:" #yesno)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_releases_cancel_spinlock_    _KD_ANNOTATE("kd:Kernel_releases_resource:Cancel_spin_lock")
#define _Kernel_acquires_cancel_spinlock_    _KD_ANNOTATE("kd:Kernel_acquires_resource:Cancel_spin_lock")
#define _Kernel_requires_cancel_spinlock_held_
#define _Kernel_ReturnsInitDone_
#define _Kernel_entry_
#define _Kernel_entry_always_
#define _Kernel_irql_
#define _Kernel_requires_critical_region_

/* memory / misc (nothing) */
#define _Drv_aliasesMem_
#define _Drv_freesMem_(kind)
#define _Drv_allocatesMem_(kind)
#define _Must_inspect_result_impl_

/* old-style __drv_ vocabulary */
#define __drv_maxIRQL(irql)                  _IRQL_requires_max_(irql)
#define __drv_minIRQL(irql)                  _IRQL_requires_min_(irql)
#define __drv_requiresIRQL(irql)             _IRQL_requires_(irql)
#define __drv_raisesIRQL(irql)               _IRQL_raises_(irql)
#define __drv_setsIRQL(irql)                 _IRQL_raises_(irql)
#define __drv_savesIRQL                      _IRQL_saves_
#define __drv_restoresIRQL                   _IRQL_restores_
#define __drv_savesIRQLGlobal(kind, param)   _IRQL_saves_global_(kind, param)
#define __drv_restoresIRQLGlobal(kind, param) _IRQL_restores_global_(kind, param)
#define __drv_sameIRQL                       _IRQL_requires_same_
#define __drv_maxFunctionIRQL(irql)          _IRQL_always_function_max_(irql)
#define __drv_minFunctionIRQL(irql)          _IRQL_always_function_min_(irql)
#define __drv_useCancelIRQL                  _IRQL_uses_cancel_
#define __drv_isCancelIRQL                   _IRQL_is_cancel_
#define __drv_dispatchType(major)            _Dispatch_type_(major)
#define __drv_dispatchType_other             _Dispatch_type_(IRP_MJ_OTHER)
#define __drv_functionClass(name)            _Function_class_(name)
#define __drv_floatUsed                      _Kernel_float_used_
#define __drv_floatSaved                     _Kernel_float_saved_
#define __drv_floatRestored                  _Kernel_float_restored_
#define __drv_clearDoInit(yesno)             _Kernel_clear_do_init_(yesno)
#define __drv_acquiresResource(kind)         _Kernel_acquires_resource_(kind)
#define __drv_releasesResource(kind)         _Kernel_releases_resource_(kind)
#define __drv_mustHold(kind)                 _Kernel_requires_resource_held_(kind)
#define __drv_neverHold(kind)                _Kernel_requires_resource_not_held_(kind)
#define __drv_acquiresResourceGlobal(kind, param)
#define __drv_releasesResourceGlobal(kind, param)
#define __drv_mustHoldGlobal(kind, param)
#define __drv_neverHoldGlobal(kind, param)
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_mustHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_mustHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#define __drv_aliasesMem
#define __drv_allocatesMem(kind)
#define __drv_freesMem(kind)
#define __drv_when(cond, annotes)
#define __drv_at(expr, annotes)
#define __drv_arg(expr, annotes)
#define __drv_in(annotes)
#define __drv_out(annotes)
#define __drv_in_deref(annotes)
#define __drv_out_deref(annotes)
#define __drv_deref(annotes)
#define __drv_fun(annotes)
#define __drv_ret(annotes)
#define __drv_valueIs(arglist)
#define __drv_constant
#define __drv_nonConstant
#define __drv_strictType(typename, mode)
#define __drv_strictTypeMatch(mode)
#define __drv_notPointer
#define __drv_isObjectPointer
#define __drv_inTry
#define __drv_notInTry
#define __drv_interlocked
#define __drv_preferredFunction(func, why)
#define __drv_reportError(why)
#define __drv_formatString(kind)
#define __drv_unit(p)
#define __drv_defined(x) 0
#define __drv_typeConst 0
#define __drv_typeCond 1
#define __drv_typeBitset 2
#define __drv_typeExpr 3
#define __drv_innerMustHoldGlobal(kind, param)
#define __drv_innerNeverHoldGlobal(kind, param)
#define __drv_IoGetDmaAdapter
#define __drv_declspec(x)
#define __drv_nop(x) x
#define __drv_Mode_impl(x)
#define __drv_completionType(kindlist)
#define __drv_callbackType(kind)
#define __drv_maxIRQL_impl(x)
#define __drv_requiresIRQL_impl(x)

/* misc driver-facing macros from the same header family */
#define __prefast_operator_new_null
#define __prefast_operator_new_throws
#define _Struct_size_bytes_(x)
#endif /* _KDLINT_DRIVERSPECS_H */
