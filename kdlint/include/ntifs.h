/* kdlint model header: ntifs.h, written for kdlint from the documented WDK API (learn.microsoft.com
 * installable file system DDI reference), not copied from the WDK or any other header set. */
#pragma once
#ifndef _NTIFS_
#define _NTIFS_
#include <ntddk.h>

/* ---------------------------------------------------------------- security (tokens, SIDs, ACLs) */
typedef enum _TOKEN_TYPE { TokenPrimary = 1, TokenImpersonation } TOKEN_TYPE, *PTOKEN_TYPE;
typedef enum _TOKEN_INFORMATION_CLASS {
    TokenUser = 1, TokenGroups, TokenPrivileges, TokenOwner, TokenPrimaryGroup, TokenDefaultDacl, TokenSource, TokenType,
    TokenImpersonationLevel, TokenStatistics, TokenRestrictedSids, TokenSessionId, TokenGroupsAndPrivileges,
    TokenSessionReference, TokenSandBoxInert, TokenAuditPolicy, TokenOrigin, TokenElevationType, TokenLinkedToken,
    TokenElevation, TokenHasRestrictions, TokenAccessInformation, TokenVirtualizationAllowed, TokenVirtualizationEnabled,
    TokenIntegrityLevel, TokenUIAccess, TokenMandatoryPolicy, TokenLogonSid, TokenIsAppContainer, TokenCapabilities,
    TokenAppContainerSid, TokenAppContainerNumber, TokenUserClaimAttributes, TokenDeviceClaimAttributes,
    TokenRestrictedUserClaimAttributes, TokenRestrictedDeviceClaimAttributes, TokenDeviceGroups,
    TokenRestrictedDeviceGroups, TokenSecurityAttributes, TokenIsRestricted, TokenProcessTrustLevel,
    TokenPrivateNameSpace, TokenSingletonAttributes, TokenBnoIsolation, TokenChildProcessFlags,
    TokenIsLessPrivilegedAppContainer, TokenIsSandboxed, TokenIsAppSilo, MaxTokenInfoClass
} TOKEN_INFORMATION_CLASS, *PTOKEN_INFORMATION_CLASS;
#define TOKEN_ASSIGN_PRIMARY (0x0001)
#define TOKEN_DUPLICATE (0x0002)
#define TOKEN_IMPERSONATE (0x0004)
#define TOKEN_QUERY (0x0008)
#define TOKEN_QUERY_SOURCE (0x0010)
#define TOKEN_ADJUST_PRIVILEGES (0x0020)
#define TOKEN_ADJUST_GROUPS (0x0040)
#define TOKEN_ADJUST_DEFAULT (0x0080)
#define TOKEN_ADJUST_SESSIONID (0x0100)
#define TOKEN_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | 0x01FF)
#define TOKEN_READ (STANDARD_RIGHTS_READ | TOKEN_QUERY)
#define TOKEN_WRITE (STANDARD_RIGHTS_WRITE | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_GROUPS | TOKEN_ADJUST_DEFAULT)
#define TOKEN_EXECUTE (STANDARD_RIGHTS_EXECUTE)
typedef struct _TOKEN_USER { SID_AND_ATTRIBUTES User; } TOKEN_USER, *PTOKEN_USER;
typedef struct _TOKEN_GROUPS { ULONG GroupCount; SID_AND_ATTRIBUTES Groups[ANYSIZE_ARRAY]; } TOKEN_GROUPS, *PTOKEN_GROUPS;
typedef struct _TOKEN_PRIVILEGES { ULONG PrivilegeCount; LUID_AND_ATTRIBUTES Privileges[ANYSIZE_ARRAY]; } TOKEN_PRIVILEGES, *PTOKEN_PRIVILEGES;
typedef struct _TOKEN_OWNER { PSID Owner; } TOKEN_OWNER, *PTOKEN_OWNER;
typedef struct _TOKEN_PRIMARY_GROUP { PSID PrimaryGroup; } TOKEN_PRIMARY_GROUP, *PTOKEN_PRIMARY_GROUP;
typedef struct _TOKEN_DEFAULT_DACL { PACL DefaultDacl; } TOKEN_DEFAULT_DACL, *PTOKEN_DEFAULT_DACL;
typedef struct _TOKEN_MANDATORY_LABEL { SID_AND_ATTRIBUTES Label; } TOKEN_MANDATORY_LABEL, *PTOKEN_MANDATORY_LABEL;
typedef struct _TOKEN_ELEVATION { ULONG TokenIsElevated; } TOKEN_ELEVATION, *PTOKEN_ELEVATION;
#define TOKEN_SOURCE_LENGTH 8
typedef struct _TOKEN_SOURCE { CHAR SourceName[TOKEN_SOURCE_LENGTH]; LUID SourceIdentifier; } TOKEN_SOURCE, *PTOKEN_SOURCE;
typedef struct _TOKEN_STATISTICS {
    LUID TokenId; LUID AuthenticationId; LARGE_INTEGER ExpirationTime; TOKEN_TYPE TokenType;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel; ULONG DynamicCharged; ULONG DynamicAvailable; ULONG GroupCount;
    ULONG PrivilegeCount; LUID ModifiedId;
} TOKEN_STATISTICS, *PTOKEN_STATISTICS;
typedef struct _TOKEN_CONTROL { LUID TokenId; LUID AuthenticationId; LUID ModifiedId; TOKEN_SOURCE TokenSource; } TOKEN_CONTROL, *PTOKEN_CONTROL;
#define SE_GROUP_MANDATORY (0x00000001L)
#define SE_GROUP_ENABLED_BY_DEFAULT (0x00000002L)
#define SE_GROUP_ENABLED (0x00000004L)
#define SE_GROUP_OWNER (0x00000008L)
#define SE_GROUP_USE_FOR_DENY_ONLY (0x00000010L)
#define SE_GROUP_INTEGRITY (0x00000020L)
#define SE_GROUP_INTEGRITY_ENABLED (0x00000040L)
#define SE_GROUP_LOGON_ID (0xC0000000L)
#define SE_GROUP_RESOURCE (0x20000000L)
typedef struct _SECURITY_CLIENT_CONTEXT {
    SECURITY_QUALITY_OF_SERVICE SecurityQos; PACCESS_TOKEN ClientToken; BOOLEAN DirectlyAccessClientToken;
    BOOLEAN DirectAccessEffectiveOnly; BOOLEAN ServerIsRemote; TOKEN_CONTROL ClientTokenControl;
} SECURITY_CLIENT_CONTEXT, *PSECURITY_CLIENT_CONTEXT;
typedef struct _SE_EXPORTS {
    LUID SeCreateTokenPrivilege; LUID SeAssignPrimaryTokenPrivilege; LUID SeLockMemoryPrivilege; LUID SeIncreaseQuotaPrivilege;
    LUID SeUnsolicitedInputPrivilege; LUID SeTcbPrivilege; LUID SeSecurityPrivilege; LUID SeTakeOwnershipPrivilege;
    LUID SeLoadDriverPrivilege; LUID SeCreatePagefilePrivilege; LUID SeIncreaseBasePriorityPrivilege;
    LUID SeSystemProfilePrivilege; LUID SeSystemtimePrivilege; LUID SeProfileSingleProcessPrivilege;
    LUID SeCreatePermanentPrivilege; LUID SeBackupPrivilege; LUID SeRestorePrivilege; LUID SeShutdownPrivilege;
    LUID SeDebugPrivilege; LUID SeAuditPrivilege; LUID SeSystemEnvironmentPrivilege; LUID SeChangeNotifyPrivilege;
    LUID SeRemoteShutdownPrivilege;
    PSID SeNullSid; PSID SeWorldSid; PSID SeLocalSid; PSID SeCreatorOwnerSid; PSID SeCreatorGroupSid; PSID SeNtAuthoritySid;
    PSID SeDialupSid; PSID SeNetworkSid; PSID SeBatchSid; PSID SeInteractiveSid; PSID SeLocalSystemSid;
    PSID SeAliasAdminsSid; PSID SeAliasUsersSid; PSID SeAliasGuestsSid; PSID SeAliasPowerUsersSid;
    PSID SeAliasAccountOpsSid; PSID SeAliasSystemOpsSid; PSID SeAliasPrintOpsSid; PSID SeAliasBackupOpsSid;
    PSID SeAuthenticatedUsersSid; PSID SeRestrictedSid; PSID SeAnonymousLogonSid;
    LUID SeUndockPrivilege; LUID SeSyncAgentPrivilege; LUID SeEnableDelegationPrivilege;
    PSID SeLocalServiceSid; PSID SeNetworkServiceSid;
    LUID SeManageVolumePrivilege; LUID SeImpersonatePrivilege; LUID SeCreateGlobalPrivilege;
    LUID SeTrustedCredManAccessPrivilege; LUID SeRelabelPrivilege; LUID SeIncreaseWorkingSetPrivilege;
    LUID SeTimeZonePrivilege; LUID SeCreateSymbolicLinkPrivilege;
    PSID SeIUserSid; PSID SeUntrustedMandatorySid; PSID SeLowMandatorySid; PSID SeMediumMandatorySid;
    PSID SeHighMandatorySid; PSID SeSystemMandatorySid; PSID SeOwnerRightsSid;
    PSID SeAllAppPackagesSid; PSID SeUserModeDriversSid; PSID SeProcTrustWinTcbSid; PSID SeTrustedInstallerSid;
    LUID SeDelegateSessionUserImpersonatePrivilege;
} SE_EXPORTS, *PSE_EXPORTS;
extern PSE_EXPORTS SeExports;
#define SeLengthSid(Sid) (8 + (4 * ((SID *)Sid)->SubAuthorityCount))
#define SeQuerySubjectContextToken(SubjectContext) \
    (ARGUMENT_PRESENT(((PSECURITY_SUBJECT_CONTEXT)SubjectContext)->ClientToken) ? \
     ((PSECURITY_SUBJECT_CONTEXT)SubjectContext)->ClientToken : ((PSECURITY_SUBJECT_CONTEXT)SubjectContext)->PrimaryToken)
#define SeDeleteClientSecurity(C) { \
    if (SeTokenType((C)->ClientToken) == TokenPrimary) { PsDereferencePrimaryToken((C)->ClientToken); } \
    else { PsDereferenceImpersonationToken((C)->ClientToken); } }
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeQueryInformationToken(_In_ PACCESS_TOKEN Token,
    _In_ TOKEN_INFORMATION_CLASS TokenInformationClass, _Outptr_result_buffer_(_Inexpressible_(token-dependent)) PVOID *TokenInformation);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeQueryAuthenticationIdToken(_In_ PACCESS_TOKEN Token, _Out_ PLUID AuthenticationId);
NTKERNELAPI NTSTATUS NTAPI SeQuerySessionIdToken(_In_ PACCESS_TOKEN Token, _Out_ PULONG SessionId);
NTKERNELAPI TOKEN_TYPE NTAPI SeTokenType(_In_ PACCESS_TOKEN Token);
NTKERNELAPI BOOLEAN NTAPI SeTokenIsRestricted(_In_ PACCESS_TOKEN Token);
NTKERNELAPI NTSTATUS NTAPI SeFilterToken(_In_ PACCESS_TOKEN ExistingToken, _In_ ULONG Flags, _In_opt_ PTOKEN_GROUPS SidsToDisable,
    _In_opt_ PTOKEN_PRIVILEGES PrivilegesToDelete, _In_opt_ PTOKEN_GROUPS RestrictedSids, _Outptr_ PACCESS_TOKEN *FilteredToken);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeCreateClientSecurity(_In_ PETHREAD ClientThread,
    _In_ PSECURITY_QUALITY_OF_SERVICE ClientSecurityQos, _In_ BOOLEAN RemoteSession, _Out_ PSECURITY_CLIENT_CONTEXT ClientContext);
NTKERNELAPI NTSTATUS NTAPI SeCreateClientSecurityFromSubjectContext(_In_ PSECURITY_SUBJECT_CONTEXT SubjectContext,
    _In_ PSECURITY_QUALITY_OF_SERVICE ClientSecurityQos, _In_ BOOLEAN ServerIsRemote, _Out_ PSECURITY_CLIENT_CONTEXT ClientContext);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeImpersonateClientEx(_In_ PSECURITY_CLIENT_CONTEXT ClientContext,
    _In_opt_ PETHREAD ServerThread);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeQuerySecurityDescriptorInfo(_In_ PSECURITY_INFORMATION SecurityInformation,
    _Out_writes_bytes_(*Length) PSECURITY_DESCRIPTOR SecurityDescriptor, _Inout_ PULONG Length,
    _Inout_ PSECURITY_DESCRIPTOR *ObjectsSecurityDescriptor);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeSetSecurityDescriptorInfo(_In_opt_ PVOID Object,
    _In_ PSECURITY_INFORMATION SecurityInformation, _In_ PSECURITY_DESCRIPTOR ModificationDescriptor,
    _Inout_ PSECURITY_DESCRIPTOR *ObjectsSecurityDescriptor, _In_ POOL_TYPE PoolType, _In_ PGENERIC_MAPPING GenericMapping);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI SeSetSecurityDescriptorInfoEx(_In_opt_ PVOID Object,
    _In_ PSECURITY_INFORMATION SecurityInformation, _In_ PSECURITY_DESCRIPTOR ModificationDescriptor,
    _Inout_ PSECURITY_DESCRIPTOR *ObjectsSecurityDescriptor, _In_ ULONG AutoInheritFlags, _In_ POOL_TYPE PoolType,
    _In_ PGENERIC_MAPPING GenericMapping);
NTKERNELAPI NTSTATUS NTAPI SeCaptureSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR InputSecurityDescriptor,
    _In_ KPROCESSOR_MODE RequestorMode, _In_ POOL_TYPE PoolType, _In_ BOOLEAN ForceCapture,
    _Outptr_ PSECURITY_DESCRIPTOR *OutputSecurityDescriptor);
NTKERNELAPI VOID NTAPI SeReleaseSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR CapturedSecurityDescriptor,
    _In_ KPROCESSOR_MODE RequestorMode, _In_ BOOLEAN ForceCapture);
NTKERNELAPI BOOLEAN NTAPI SeAuditingFileOrGlobalEvents(_In_ BOOLEAN AccessGranted, _In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
    _In_ PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext);
NTKERNELAPI VOID NTAPI SeAuditHardLinkCreation(_In_ PUNICODE_STRING FileName, _In_ PUNICODE_STRING LinkName, _In_ BOOLEAN bSuccess);
NTKERNELAPI NTSTATUS NTAPI SeMarkLogonSessionForTerminationNotification(_In_ PLUID LogonId);
#define SEF_DACL_AUTO_INHERIT 0x01
#define SEF_SACL_AUTO_INHERIT 0x02
#define SEF_DEFAULT_DESCRIPTOR_FOR_OBJECT 0x04
#define SEF_AVOID_PRIVILEGE_CHECK 0x08
#define SEF_AVOID_OWNER_CHECK 0x10
#define SEF_DEFAULT_OWNER_FROM_PARENT 0x20
#define SEF_DEFAULT_GROUP_FROM_PARENT 0x40
typedef struct _ACE_HEADER { UCHAR AceType; UCHAR AceFlags; USHORT AceSize; } ACE_HEADER, *PACE_HEADER;
#define ACCESS_ALLOWED_ACE_TYPE (0x0)
#define ACCESS_DENIED_ACE_TYPE (0x1)
#define SYSTEM_AUDIT_ACE_TYPE (0x2)
#define SYSTEM_ALARM_ACE_TYPE (0x3)
#define SYSTEM_MANDATORY_LABEL_ACE_TYPE (0x11)
#define OBJECT_INHERIT_ACE (0x1)
#define CONTAINER_INHERIT_ACE (0x2)
#define NO_PROPAGATE_INHERIT_ACE (0x4)
#define INHERIT_ONLY_ACE (0x8)
#define INHERITED_ACE (0x10)
#define VALID_INHERIT_FLAGS (0x1F)
typedef struct _ACCESS_ALLOWED_ACE { ACE_HEADER Header; ACCESS_MASK Mask; ULONG SidStart; } ACCESS_ALLOWED_ACE, *PACCESS_ALLOWED_ACE;
typedef struct _ACCESS_DENIED_ACE { ACE_HEADER Header; ACCESS_MASK Mask; ULONG SidStart; } ACCESS_DENIED_ACE, *PACCESS_DENIED_ACE;
typedef struct _SYSTEM_AUDIT_ACE { ACE_HEADER Header; ACCESS_MASK Mask; ULONG SidStart; } SYSTEM_AUDIT_ACE, *PSYSTEM_AUDIT_ACE;
typedef struct _SYSTEM_MANDATORY_LABEL_ACE { ACE_HEADER Header; ACCESS_MASK Mask; ULONG SidStart; } SYSTEM_MANDATORY_LABEL_ACE, *PSYSTEM_MANDATORY_LABEL_ACE;
#define SECURITY_NULL_SID_AUTHORITY {0,0,0,0,0,0}
#define SECURITY_WORLD_SID_AUTHORITY {0,0,0,0,0,1}
#define SECURITY_LOCAL_SID_AUTHORITY {0,0,0,0,0,2}
#define SECURITY_CREATOR_SID_AUTHORITY {0,0,0,0,0,3}
#define SECURITY_NT_AUTHORITY {0,0,0,0,0,5}
#define SECURITY_MANDATORY_LABEL_AUTHORITY {0,0,0,0,0,16}
#define SECURITY_NULL_RID (0x00000000L)
#define SECURITY_WORLD_RID (0x00000000L)
#define SECURITY_LOCAL_RID (0x00000000L)
#define SECURITY_CREATOR_OWNER_RID (0x00000000L)
#define SECURITY_CREATOR_GROUP_RID (0x00000001L)
#define SECURITY_DIALUP_RID (0x00000001L)
#define SECURITY_NETWORK_RID (0x00000002L)
#define SECURITY_BATCH_RID (0x00000003L)
#define SECURITY_INTERACTIVE_RID (0x00000004L)
#define SECURITY_LOGON_IDS_RID (0x00000005L)
#define SECURITY_SERVICE_RID (0x00000006L)
#define SECURITY_ANONYMOUS_LOGON_RID (0x00000007L)
#define SECURITY_AUTHENTICATED_USER_RID (0x0000000BL)
#define SECURITY_RESTRICTED_CODE_RID (0x0000000CL)
#define SECURITY_LOCAL_SYSTEM_RID (0x00000012L)
#define SECURITY_LOCAL_SERVICE_RID (0x00000013L)
#define SECURITY_NETWORK_SERVICE_RID (0x00000014L)
#define SECURITY_BUILTIN_DOMAIN_RID (0x00000020L)
#define DOMAIN_USER_RID_ADMIN (0x000001F4L)
#define DOMAIN_USER_RID_GUEST (0x000001F5L)
#define DOMAIN_GROUP_RID_ADMINS (0x00000200L)
#define DOMAIN_GROUP_RID_USERS (0x00000201L)
#define DOMAIN_ALIAS_RID_ADMINS (0x00000220L)
#define DOMAIN_ALIAS_RID_USERS (0x00000221L)
#define DOMAIN_ALIAS_RID_GUESTS (0x00000222L)
#define DOMAIN_ALIAS_RID_POWER_USERS (0x00000223L)
#define SECURITY_MANDATORY_UNTRUSTED_RID (0x00000000L)
#define SECURITY_MANDATORY_LOW_RID (0x00001000L)
#define SECURITY_MANDATORY_MEDIUM_RID (0x00002000L)
#define SECURITY_MANDATORY_HIGH_RID (0x00003000L)
#define SECURITY_MANDATORY_SYSTEM_RID (0x00004000L)
NTSYSAPI NTSTATUS NTAPI RtlCreateAcl(_Out_writes_bytes_(AclLength) PACL Acl, _In_ ULONG AclLength, _In_ ULONG AclRevision);
NTSYSAPI BOOLEAN NTAPI RtlValidAcl(_In_ PACL Acl);
NTSYSAPI NTSTATUS NTAPI RtlAddAce(_Inout_ PACL Acl, _In_ ULONG AceRevision, _In_ ULONG StartingAceIndex,
    _In_reads_bytes_(AceListLength) PVOID AceList, _In_ ULONG AceListLength);
NTSYSAPI NTSTATUS NTAPI RtlDeleteAce(_Inout_ PACL Acl, _In_ ULONG AceIndex);
NTSYSAPI NTSTATUS NTAPI RtlGetAce(_In_ PACL Acl, _In_ ULONG AceIndex, _Outptr_ PVOID *Ace);
NTSYSAPI NTSTATUS NTAPI RtlAddAccessAllowedAce(_Inout_ PACL Acl, _In_ ULONG AceRevision, _In_ ACCESS_MASK AccessMask, _In_ PSID Sid);
NTSYSAPI NTSTATUS NTAPI RtlAddAccessAllowedAceEx(_Inout_ PACL Acl, _In_ ULONG AceRevision, _In_ ULONG AceFlags,
    _In_ ACCESS_MASK AccessMask, _In_ PSID Sid);
NTSYSAPI NTSTATUS NTAPI RtlAddAccessDeniedAce(_Inout_ PACL Acl, _In_ ULONG AceRevision, _In_ ACCESS_MASK AccessMask, _In_ PSID Sid);
NTSYSAPI ULONG NTAPI RtlLengthSid(_In_ PSID Sid);
NTSYSAPI ULONG NTAPI RtlLengthRequiredSid(_In_ ULONG SubAuthorityCount);
NTSYSAPI BOOLEAN NTAPI RtlValidSid(_In_ PSID Sid);
NTSYSAPI BOOLEAN NTAPI RtlEqualSid(_In_ PSID Sid1, _In_ PSID Sid2);
NTSYSAPI BOOLEAN NTAPI RtlEqualPrefixSid(_In_ PSID Sid1, _In_ PSID Sid2);
NTSYSAPI NTSTATUS NTAPI RtlCopySid(_In_ ULONG DestinationSidLength, _Out_writes_bytes_(DestinationSidLength) PSID DestinationSid,
    _In_ PSID SourceSid);
NTSYSAPI NTSTATUS NTAPI RtlInitializeSid(_Out_ PSID Sid, _In_ PSID_IDENTIFIER_AUTHORITY IdentifierAuthority, _In_ UCHAR SubAuthorityCount);
NTSYSAPI PULONG NTAPI RtlSubAuthoritySid(_In_ PSID Sid, _In_ ULONG SubAuthority);
NTSYSAPI PUCHAR NTAPI RtlSubAuthorityCountSid(_In_ PSID Sid);
NTSYSAPI PSID_IDENTIFIER_AUTHORITY NTAPI RtlIdentifierAuthoritySid(_In_ PSID Sid);
NTSYSAPI NTSTATUS NTAPI RtlAllocateAndInitializeSid(_In_ PSID_IDENTIFIER_AUTHORITY IdentifierAuthority, _In_ UCHAR SubAuthorityCount,
    _In_ ULONG SubAuthority0, _In_ ULONG SubAuthority1, _In_ ULONG SubAuthority2, _In_ ULONG SubAuthority3,
    _In_ ULONG SubAuthority4, _In_ ULONG SubAuthority5, _In_ ULONG SubAuthority6, _In_ ULONG SubAuthority7, _Outptr_ PSID *Sid);
NTSYSAPI PVOID NTAPI RtlFreeSid(_In_ _Post_invalid_ PSID Sid);
NTSYSAPI NTSTATUS NTAPI RtlConvertSidToUnicodeString(_Inout_ PUNICODE_STRING UnicodeString, _In_ PSID Sid,
    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlGetOwnerSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Outptr_result_maybenull_ PSID *Owner,
    _Out_ PBOOLEAN OwnerDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlGetGroupSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Outptr_result_maybenull_ PSID *Group,
    _Out_ PBOOLEAN GroupDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlGetDaclSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Out_ PBOOLEAN DaclPresent,
    _Outptr_result_maybenull_ PACL *Dacl, _Out_ PBOOLEAN DaclDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlGetSaclSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Out_ PBOOLEAN SaclPresent,
    _Out_ PACL *Sacl, _Out_ PBOOLEAN SaclDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlSetOwnerSecurityDescriptor(_Inout_ PSECURITY_DESCRIPTOR SecurityDescriptor, _In_opt_ PSID Owner,
    _In_ BOOLEAN OwnerDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlSetGroupSecurityDescriptor(_Inout_ PSECURITY_DESCRIPTOR SecurityDescriptor, _In_opt_ PSID Group,
    _In_ BOOLEAN GroupDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlSetSaclSecurityDescriptor(_Inout_ PSECURITY_DESCRIPTOR SecurityDescriptor, _In_ BOOLEAN SaclPresent,
    _In_opt_ PACL Sacl, _In_opt_ BOOLEAN SaclDefaulted);
NTSYSAPI NTSTATUS NTAPI RtlGetControlSecurityDescriptor(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
    _Out_ PSECURITY_DESCRIPTOR_CONTROL Control, _Out_ PULONG Revision);
NTSYSAPI NTSTATUS NTAPI RtlAbsoluteToSelfRelativeSD(_In_ PSECURITY_DESCRIPTOR AbsoluteSecurityDescriptor,
    _Out_writes_bytes_to_opt_(*BufferLength, *BufferLength) PSECURITY_DESCRIPTOR SelfRelativeSecurityDescriptor,
    _Inout_ PULONG BufferLength);
NTSYSAPI NTSTATUS NTAPI RtlSelfRelativeToAbsoluteSD(_In_ PSECURITY_DESCRIPTOR SelfRelativeSecurityDescriptor,
    _Out_ PSECURITY_DESCRIPTOR AbsoluteSecurityDescriptor, _Inout_ PULONG AbsoluteSecurityDescriptorSize, _Out_ PACL Dacl,
    _Inout_ PULONG DaclSize, _Out_ PACL Sacl, _Inout_ PULONG SaclSize, _Out_ PSID Owner, _Inout_ PULONG OwnerSize,
    _Out_ PSID PrimaryGroup, _Inout_ PULONG PrimaryGroupSize);
NTSYSAPI NTSTATUS NTAPI RtlCreateSecurityDescriptorRelative(_Out_ PISECURITY_DESCRIPTOR_RELATIVE SecurityDescriptor, _In_ ULONG Revision);
NTSYSAPI VOID NTAPI RtlMapGenericMask(_Inout_ PACCESS_MASK AccessMask, _In_ const GENERIC_MAPPING *GenericMapping);
NTSYSAPI ULONG NTAPI RtlNtStatusToDosError(_In_ NTSTATUS Status);
NTSYSAPI ULONG NTAPI RtlNtStatusToDosErrorNoTeb(_In_ NTSTATUS Status);

/* ---------------------------------------------------------------- Ps / Ob / Mm / Ke extras */
NTKERNELAPI PACCESS_TOKEN NTAPI PsReferencePrimaryToken(_Inout_ PEPROCESS Process);
NTKERNELAPI VOID NTAPI PsDereferencePrimaryToken(_In_ PACCESS_TOKEN PrimaryToken);
NTKERNELAPI VOID NTAPI PsDereferenceImpersonationToken(_In_ PACCESS_TOKEN ImpersonationToken);
NTKERNELAPI PACCESS_TOKEN NTAPI PsReferenceImpersonationToken(_Inout_ PETHREAD Thread, _Out_ PBOOLEAN CopyOnOpen,
    _Out_ PBOOLEAN EffectiveOnly, _Out_ PSECURITY_IMPERSONATION_LEVEL ImpersonationLevel);
NTKERNELAPI NTSTATUS NTAPI PsImpersonateClient(_Inout_ PETHREAD Thread, _In_opt_ PACCESS_TOKEN Token, _In_ BOOLEAN CopyOnOpen,
    _In_ BOOLEAN EffectiveOnly, _In_ SECURITY_IMPERSONATION_LEVEL ImpersonationLevel);
NTKERNELAPI VOID NTAPI PsRevertToSelf(VOID);
NTKERNELAPI BOOLEAN NTAPI PsDisableImpersonation(_Inout_ PETHREAD Thread, _Inout_ PSE_IMPERSONATION_STATE ImpersonationState);
NTKERNELAPI VOID NTAPI PsRestoreImpersonation(_Inout_ PETHREAD Thread, _In_ PSE_IMPERSONATION_STATE ImpersonationState);
NTKERNELAPI BOOLEAN NTAPI PsIsThreadImpersonating(_In_ PETHREAD Thread);
NTKERNELAPI LARGE_INTEGER NTAPI PsGetProcessExitTime(VOID);
NTKERNELAPI BOOLEAN NTAPI PsIsSystemProcess(_In_ PEPROCESS Process);
NTKERNELAPI NTSTATUS NTAPI PsChargePoolQuota(_In_ PEPROCESS Process, _In_ POOL_TYPE PoolType, _In_ ULONG_PTR Amount);
NTKERNELAPI VOID NTAPI PsReturnPoolQuota(_In_ PEPROCESS Process, _In_ POOL_TYPE PoolType, _In_ ULONG_PTR Amount);
NTKERNELAPI NTSTATUS NTAPI PsChargeProcessPoolQuota(_In_ PEPROCESS Process, _In_ POOL_TYPE PoolType, _In_ ULONG_PTR Amount);
typedef struct _OBJECT_NAME_INFORMATION { UNICODE_STRING Name; } OBJECT_NAME_INFORMATION, *POBJECT_NAME_INFORMATION;
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI ObOpenObjectByPointer(_In_ PVOID Object, _In_ ULONG HandleAttributes,
    _In_opt_ PACCESS_STATE PassedAccessState, _In_ ACCESS_MASK DesiredAccess, _In_opt_ POBJECT_TYPE ObjectType,
    _In_ KPROCESSOR_MODE AccessMode, _Out_ PHANDLE Handle);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI ObQueryNameString(_In_ PVOID Object,
    _Out_writes_bytes_opt_(Length) POBJECT_NAME_INFORMATION ObjectNameInfo, _In_ ULONG Length, _Out_ PULONG ReturnLength);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByName(_In_ PUNICODE_STRING ObjectName, _In_ ULONG Attributes,
    _In_opt_ PACCESS_STATE AccessState, _In_opt_ ACCESS_MASK DesiredAccess, _In_ POBJECT_TYPE ObjectType,
    _In_ KPROCESSOR_MODE AccessMode, _Inout_opt_ PVOID ParseContext, _Out_ PVOID *Object);
NTKERNELAPI NTSTATUS NTAPI ObQueryObjectAuditingByHandle(_In_ HANDLE Handle, _Out_ PBOOLEAN GenerateOnClose);
NTKERNELAPI NTSTATUS NTAPI ObInsertObject(_In_ PVOID Object, _Inout_opt_ PACCESS_STATE PassedAccessState,
    _In_opt_ ACCESS_MASK DesiredAccess, _In_ ULONG ObjectPointerBias, _Out_opt_ PVOID *NewObject, _Out_opt_ PHANDLE Handle);
typedef enum _MMFLUSH_TYPE { MmFlushForDelete, MmFlushForWrite } MMFLUSH_TYPE;
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI MmFlushImageSection(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer,
    _In_ MMFLUSH_TYPE FlushType);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI MmCanFileBeTruncated(_In_ PSECTION_OBJECT_POINTERS SectionPointer,
    _In_opt_ PLARGE_INTEGER NewFileSize);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI MmSetAddressRangeModified(_In_reads_bytes_(Length) PVOID Address, _In_ SIZE_T Length);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI MmForceSectionClosed(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer,
    _In_ BOOLEAN DelayClose);
NTKERNELAPI BOOLEAN NTAPI MmDoesFileHaveUserWritableReferences(_In_ PSECTION_OBJECT_POINTERS SectionPointer);
NTKERNELAPI BOOLEAN NTAPI MmIsRecursiveIoFault(VOID);
typedef struct _KQUEUE {
    DISPATCHER_HEADER Header; LIST_ENTRY EntryListHead; volatile ULONG CurrentCount; ULONG MaximumCount; LIST_ENTRY ThreadListHead;
} KQUEUE, *PKQUEUE, *PRKQUEUE;
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI VOID NTAPI KeInitializeQueue(_Out_ PRKQUEUE Queue, _In_ ULONG Count);
NTKERNELAPI LONG NTAPI KeReadStateQueue(_In_ PRKQUEUE Queue);
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI LONG NTAPI KeInsertQueue(_Inout_ PRKQUEUE Queue, _Inout_ PLIST_ENTRY Entry);
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI LONG NTAPI KeInsertHeadQueue(_Inout_ PRKQUEUE Queue, _Inout_ PLIST_ENTRY Entry);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI PLIST_ENTRY NTAPI KeRemoveQueue(_Inout_ PRKQUEUE Queue, _In_ KPROCESSOR_MODE WaitMode,
    _In_opt_ PLARGE_INTEGER Timeout);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI ULONG NTAPI KeRemoveQueueEx(_Inout_ PKQUEUE Queue, _In_ KPROCESSOR_MODE WaitMode,
    _In_ BOOLEAN Alertable, _In_opt_ PLARGE_INTEGER Timeout, _Out_writes_to_(Count, return) PLIST_ENTRY *EntryArray, _In_ ULONG Count);
_IRQL_requires_max_(DISPATCH_LEVEL) NTKERNELAPI PLIST_ENTRY NTAPI KeRundownQueue(_Inout_ PRKQUEUE Queue);
NTKERNELAPI BOOLEAN NTAPI KeIsAttachedProcess(VOID);
NTKERNELAPI VOID NTAPI KeInitializeMutant(_Out_ PRKMUTANT Mutant, _In_ BOOLEAN InitialOwner);
NTKERNELAPI LONG NTAPI KeReleaseMutant(_Inout_ PRKMUTANT Mutant, _In_ KPRIORITY Increment, _In_ BOOLEAN Abandoned, _In_ BOOLEAN Wait);

/* ---------------------------------------------------------------- file information structures */
typedef struct _FILE_DIRECTORY_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; WCHAR FileName[1];
} FILE_DIRECTORY_INFORMATION, *PFILE_DIRECTORY_INFORMATION;
typedef struct _FILE_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; WCHAR FileName[1];
} FILE_FULL_DIR_INFORMATION, *PFILE_FULL_DIR_INFORMATION;
typedef struct _FILE_ID_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; LARGE_INTEGER FileId; WCHAR FileName[1];
} FILE_ID_FULL_DIR_INFORMATION, *PFILE_ID_FULL_DIR_INFORMATION;
typedef struct _FILE_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; CCHAR ShortNameLength; WCHAR ShortName[12]; WCHAR FileName[1];
} FILE_BOTH_DIR_INFORMATION, *PFILE_BOTH_DIR_INFORMATION;
typedef struct _FILE_ID_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; CCHAR ShortNameLength; WCHAR ShortName[12];
    LARGE_INTEGER FileId; WCHAR FileName[1];
} FILE_ID_BOTH_DIR_INFORMATION, *PFILE_ID_BOTH_DIR_INFORMATION;
typedef struct _FILE_ID_128 { UCHAR Identifier[16]; } FILE_ID_128, *PFILE_ID_128;
typedef struct _FILE_ID_EXTD_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; ULONG ReparsePointTag; FILE_ID_128 FileId; WCHAR FileName[1];
} FILE_ID_EXTD_DIR_INFORMATION, *PFILE_ID_EXTD_DIR_INFORMATION;
typedef struct _FILE_ID_EXTD_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset; ULONG FileIndex; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime; LARGE_INTEGER ChangeTime; LARGE_INTEGER EndOfFile; LARGE_INTEGER AllocationSize;
    ULONG FileAttributes; ULONG FileNameLength; ULONG EaSize; ULONG ReparsePointTag; FILE_ID_128 FileId;
    CCHAR ShortNameLength; WCHAR ShortName[12]; WCHAR FileName[1];
} FILE_ID_EXTD_BOTH_DIR_INFORMATION, *PFILE_ID_EXTD_BOTH_DIR_INFORMATION;
typedef struct _FILE_NAMES_INFORMATION { ULONG NextEntryOffset; ULONG FileIndex; ULONG FileNameLength; WCHAR FileName[1]; } FILE_NAMES_INFORMATION, *PFILE_NAMES_INFORMATION;
typedef struct _FILE_INTERNAL_INFORMATION { LARGE_INTEGER IndexNumber; } FILE_INTERNAL_INFORMATION, *PFILE_INTERNAL_INFORMATION;
typedef struct _FILE_EA_INFORMATION { ULONG EaSize; } FILE_EA_INFORMATION, *PFILE_EA_INFORMATION;
typedef struct _FILE_ACCESS_INFORMATION { ACCESS_MASK AccessFlags; } FILE_ACCESS_INFORMATION, *PFILE_ACCESS_INFORMATION;
typedef struct _FILE_MODE_INFORMATION { ULONG Mode; } FILE_MODE_INFORMATION, *PFILE_MODE_INFORMATION;
typedef struct _FILE_ALL_INFORMATION {
    FILE_BASIC_INFORMATION BasicInformation; FILE_STANDARD_INFORMATION StandardInformation;
    FILE_INTERNAL_INFORMATION InternalInformation; FILE_EA_INFORMATION EaInformation; FILE_ACCESS_INFORMATION AccessInformation;
    FILE_POSITION_INFORMATION PositionInformation; FILE_MODE_INFORMATION ModeInformation;
    FILE_ALIGNMENT_INFORMATION AlignmentInformation; FILE_NAME_INFORMATION NameInformation;
} FILE_ALL_INFORMATION, *PFILE_ALL_INFORMATION;
typedef struct _FILE_ALLOCATION_INFORMATION { LARGE_INTEGER AllocationSize; } FILE_ALLOCATION_INFORMATION, *PFILE_ALLOCATION_INFORMATION;
typedef struct _FILE_COMPRESSION_INFORMATION {
    LARGE_INTEGER CompressedFileSize; USHORT CompressionFormat; UCHAR CompressionUnitShift; UCHAR ChunkShift;
    UCHAR ClusterShift; UCHAR Reserved[3];
} FILE_COMPRESSION_INFORMATION, *PFILE_COMPRESSION_INFORMATION;
typedef struct _FILE_RENAME_INFORMATION {
    union { BOOLEAN ReplaceIfExists; ULONG Flags; };
    HANDLE RootDirectory; ULONG FileNameLength; WCHAR FileName[1];
} FILE_RENAME_INFORMATION, *PFILE_RENAME_INFORMATION;
#define FILE_RENAME_REPLACE_IF_EXISTS 0x00000001
#define FILE_RENAME_POSIX_SEMANTICS 0x00000002
#define FILE_RENAME_SUPPRESS_PIN_STATE_INHERITANCE 0x00000004
#define FILE_RENAME_SUPPRESS_STORAGE_RESERVE_INHERITANCE 0x00000008
#define FILE_RENAME_NO_INCREASE_AVAILABLE_SPACE 0x00000010
#define FILE_RENAME_NO_DECREASE_AVAILABLE_SPACE 0x00000020
#define FILE_RENAME_IGNORE_READONLY_ATTRIBUTE 0x00000040
#define FILE_RENAME_FORCE_RESIZE_TARGET_SR 0x00000080
#define FILE_RENAME_FORCE_RESIZE_SOURCE_SR 0x00000100
typedef struct _FILE_LINK_INFORMATION {
    union { BOOLEAN ReplaceIfExists; ULONG Flags; };
    HANDLE RootDirectory; ULONG FileNameLength; WCHAR FileName[1];
} FILE_LINK_INFORMATION, *PFILE_LINK_INFORMATION;
#define FILE_LINK_REPLACE_IF_EXISTS 0x00000001
#define FILE_LINK_POSIX_SEMANTICS 0x00000002
#define FILE_LINK_IGNORE_READONLY_ATTRIBUTE 0x00000040
typedef struct _FILE_STREAM_INFORMATION {
    ULONG NextEntryOffset; ULONG StreamNameLength; LARGE_INTEGER StreamSize; LARGE_INTEGER StreamAllocationSize; WCHAR StreamName[1];
} FILE_STREAM_INFORMATION, *PFILE_STREAM_INFORMATION;
typedef struct _FILE_OBJECTID_INFORMATION {
    LONGLONG FileReference; UCHAR ObjectId[16];
    union { struct { UCHAR BirthVolumeId[16]; UCHAR BirthObjectId[16]; UCHAR DomainId[16]; }; UCHAR ExtendedInfo[48]; };
} FILE_OBJECTID_INFORMATION, *PFILE_OBJECTID_INFORMATION;
typedef struct _FILE_COMPLETION_INFORMATION { HANDLE Port; PVOID Key; } FILE_COMPLETION_INFORMATION, *PFILE_COMPLETION_INFORMATION;
typedef struct _FILE_MOVE_CLUSTER_INFORMATION { ULONG ClusterCount; HANDLE RootDirectory; ULONG FileNameLength; WCHAR FileName[1]; } FILE_MOVE_CLUSTER_INFORMATION, *PFILE_MOVE_CLUSTER_INFORMATION;
typedef struct _FILE_QUOTA_INFORMATION {
    ULONG NextEntryOffset; ULONG SidLength; LARGE_INTEGER ChangeTime; LARGE_INTEGER QuotaUsed; LARGE_INTEGER QuotaThreshold;
    LARGE_INTEGER QuotaLimit; SID Sid;
} FILE_QUOTA_INFORMATION, *PFILE_QUOTA_INFORMATION;
typedef struct _FILE_REPARSE_POINT_INFORMATION { LONGLONG FileReference; ULONG Tag; } FILE_REPARSE_POINT_INFORMATION, *PFILE_REPARSE_POINT_INFORMATION;
typedef struct _FILE_TRACKING_INFORMATION { HANDLE DestinationFile; ULONG ObjectInformationLength; CHAR ObjectInformation[1]; } FILE_TRACKING_INFORMATION, *PFILE_TRACKING_INFORMATION;
typedef struct _FILE_ID_INFORMATION { ULONGLONG VolumeSerialNumber; FILE_ID_128 FileId; } FILE_ID_INFORMATION, *PFILE_ID_INFORMATION;
typedef struct _FILE_STAT_INFORMATION {
    LARGE_INTEGER FileId; LARGE_INTEGER CreationTime; LARGE_INTEGER LastAccessTime; LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime; LARGE_INTEGER AllocationSize; LARGE_INTEGER EndOfFile; ULONG FileAttributes;
    ULONG ReparseTag; ULONG NumberOfLinks; ACCESS_MASK EffectiveAccess;
} FILE_STAT_INFORMATION, *PFILE_STAT_INFORMATION;
typedef struct _FILE_CASE_SENSITIVE_INFORMATION { ULONG Flags; } FILE_CASE_SENSITIVE_INFORMATION, *PFILE_CASE_SENSITIVE_INFORMATION;
#define FILE_CS_FLAG_CASE_SENSITIVE_DIR 0x00000001
typedef struct _FILE_LINK_ENTRY_INFORMATION { ULONG NextEntryOffset; LONGLONG ParentFileId; ULONG FileNameLength; WCHAR FileName[1]; } FILE_LINK_ENTRY_INFORMATION, *PFILE_LINK_ENTRY_INFORMATION;
typedef struct _FILE_LINKS_INFORMATION { ULONG BytesNeeded; ULONG EntriesReturned; FILE_LINK_ENTRY_INFORMATION Entry; } FILE_LINKS_INFORMATION, *PFILE_LINKS_INFORMATION;
typedef struct _FILE_NETWORK_PHYSICAL_NAME_INFORMATION { ULONG FileNameLength; WCHAR FileName[1]; } FILE_NETWORK_PHYSICAL_NAME_INFORMATION, *PFILE_NETWORK_PHYSICAL_NAME_INFORMATION;
typedef struct _FILE_STANDARD_LINK_INFORMATION { ULONG NumberOfAccessibleLinks; ULONG TotalNumberOfLinks; BOOLEAN DeletePending; BOOLEAN Directory; } FILE_STANDARD_LINK_INFORMATION, *PFILE_STANDARD_LINK_INFORMATION;
typedef struct _FILE_PIPE_INFORMATION { ULONG ReadMode; ULONG CompletionMode; } FILE_PIPE_INFORMATION, *PFILE_PIPE_INFORMATION;
typedef struct _FILE_MAILSLOT_QUERY_INFORMATION {
    ULONG MaximumMessageSize; ULONG MailslotQuota; ULONG NextMessageSize; ULONG MessagesAvailable; LARGE_INTEGER ReadTimeout;
} FILE_MAILSLOT_QUERY_INFORMATION, *PFILE_MAILSLOT_QUERY_INFORMATION;
typedef struct _FILE_NOTIFY_INFORMATION { ULONG NextEntryOffset; ULONG Action; ULONG FileNameLength; WCHAR FileName[1]; } FILE_NOTIFY_INFORMATION, *PFILE_NOTIFY_INFORMATION;
#define FILE_NOTIFY_CHANGE_FILE_NAME 0x00000001
#define FILE_NOTIFY_CHANGE_DIR_NAME 0x00000002
#define FILE_NOTIFY_CHANGE_NAME 0x00000003
#define FILE_NOTIFY_CHANGE_ATTRIBUTES 0x00000004
#define FILE_NOTIFY_CHANGE_SIZE 0x00000008
#define FILE_NOTIFY_CHANGE_LAST_WRITE 0x00000010
#define FILE_NOTIFY_CHANGE_LAST_ACCESS 0x00000020
#define FILE_NOTIFY_CHANGE_CREATION 0x00000040
#define FILE_NOTIFY_CHANGE_EA 0x00000080
#define FILE_NOTIFY_CHANGE_SECURITY 0x00000100
#define FILE_NOTIFY_CHANGE_STREAM_NAME 0x00000200
#define FILE_NOTIFY_CHANGE_STREAM_SIZE 0x00000400
#define FILE_NOTIFY_CHANGE_STREAM_WRITE 0x00000800
#define FILE_NOTIFY_VALID_MASK 0x00000fff
#define FILE_ACTION_ADDED 0x00000001
#define FILE_ACTION_REMOVED 0x00000002
#define FILE_ACTION_MODIFIED 0x00000003
#define FILE_ACTION_RENAMED_OLD_NAME 0x00000004
#define FILE_ACTION_RENAMED_NEW_NAME 0x00000005
#define FILE_ACTION_ADDED_STREAM 0x00000006
#define FILE_ACTION_REMOVED_STREAM 0x00000007
#define FILE_ACTION_MODIFIED_STREAM 0x00000008
#define FILE_ACTION_REMOVED_BY_DELETE 0x00000009
#define FILE_ACTION_ID_NOT_TUNNELLED 0x0000000A
#define FILE_ACTION_TUNNELLED_ID_COLLISION 0x0000000B
#define FILE_PIPE_BYTE_STREAM_TYPE 0x00000000
#define FILE_PIPE_MESSAGE_TYPE 0x00000001
#define FILE_PIPE_BYTE_STREAM_MODE 0x00000000
#define FILE_PIPE_MESSAGE_MODE 0x00000001
#define FILE_PIPE_QUEUE_OPERATION 0x00000000
#define FILE_PIPE_COMPLETE_OPERATION 0x00000001
#define COMPRESSION_FORMAT_NONE (0x0000)
#define COMPRESSION_FORMAT_DEFAULT (0x0001)
#define COMPRESSION_FORMAT_LZNT1 (0x0002)
#define COMPRESSION_FORMAT_XPRESS (0x0003)
#define COMPRESSION_FORMAT_XPRESS_HUFF (0x0004)
#define COMPRESSION_ENGINE_STANDARD (0x0000)
#define COMPRESSION_ENGINE_MAXIMUM (0x0100)
#define COMPRESSION_ENGINE_HIBER (0x0200)
typedef struct _FILE_FS_PERSISTENT_VOLUME_INFORMATION { ULONG VolumeFlags; ULONG FlagMask; ULONG Version; ULONG Reserved; } FILE_FS_PERSISTENT_VOLUME_INFORMATION, *PFILE_FS_PERSISTENT_VOLUME_INFORMATION;
#define PERSISTENT_VOLUME_STATE_SHORT_NAME_CREATION_DISABLED (0x00000001)
#define PERSISTENT_VOLUME_STATE_VOLUME_SCRUB_DISABLED (0x00000002)

/* ---------------------------------------------------------------- reparse points */
#define IO_REPARSE_TAG_RESERVED_ZERO (0)
#define IO_REPARSE_TAG_RESERVED_ONE (1)
#define IO_REPARSE_TAG_RESERVED_TWO (2)
#define IO_REPARSE_TAG_RESERVED_RANGE IO_REPARSE_TAG_RESERVED_TWO
#define IsReparseTagMicrosoft(_tag) (((_tag) & 0x80000000))
#define IsReparseTagNameSurrogate(_tag) (((_tag) & 0x20000000))
#define IsReparseTagDirectory(_tag) (((_tag) & 0x10000000))
#define IO_REPARSE_TAG_MOUNT_POINT (0xA0000003L)
#define IO_REPARSE_TAG_HSM (0xC0000004L)
#define IO_REPARSE_TAG_DRIVE_EXTENDER (0x80000005L)
#define IO_REPARSE_TAG_HSM2 (0x80000006L)
#define IO_REPARSE_TAG_SIS (0x80000007L)
#define IO_REPARSE_TAG_WIM (0x80000008L)
#define IO_REPARSE_TAG_CSV (0x80000009L)
#define IO_REPARSE_TAG_DFS (0x8000000AL)
#define IO_REPARSE_TAG_FILTER_MANAGER (0x8000000BL)
#define IO_REPARSE_TAG_SYMLINK (0xA000000CL)
#define IO_REPARSE_TAG_IIS_CACHE (0xA0000010L)
#define IO_REPARSE_TAG_DFSR (0x80000012L)
#define IO_REPARSE_TAG_DEDUP (0x80000013L)
#define IO_REPARSE_TAG_APPXSTRM (0xC0000014L)
#define IO_REPARSE_TAG_NFS (0x80000014L)
#define IO_REPARSE_TAG_FILE_PLACEHOLDER (0x80000015L)
#define IO_REPARSE_TAG_DFM (0x80000016L)
#define IO_REPARSE_TAG_WOF (0x80000017L)
#define IO_REPARSE_TAG_WCI (0x80000018L)
#define IO_REPARSE_TAG_GLOBAL_REPARSE (0xA0000019L)
#define IO_REPARSE_TAG_CLOUD (0x9000001AL)
#define IO_REPARSE_TAG_APPEXECLINK (0x8000001BL)
#define IO_REPARSE_TAG_PROJFS (0x9000001CL)
#define IO_REPARSE_TAG_LX_SYMLINK (0xA000001DL)
#define IO_REPARSE_TAG_STORAGE_SYNC (0x8000001EL)
#define IO_REPARSE_TAG_WCI_TOMBSTONE (0xA000001FL)
#define IO_REPARSE_TAG_UNHANDLED (0x80000020L)
#define IO_REPARSE_TAG_ONEDRIVE (0x80000021L)
#define IO_REPARSE_TAG_PROJFS_TOMBSTONE (0xA0000022L)
#define IO_REPARSE_TAG_AF_UNIX (0x80000023L)
#define IO_REPARSE_TAG_LX_FIFO (0x80000024L)
#define IO_REPARSE_TAG_LX_CHR (0x80000025L)
#define IO_REPARSE_TAG_LX_BLK (0x80000026L)
typedef struct _REPARSE_DATA_BUFFER {
    ULONG ReparseTag;
    USHORT ReparseDataLength;
    USHORT Reserved;
    union {
        struct { USHORT SubstituteNameOffset; USHORT SubstituteNameLength; USHORT PrintNameOffset; USHORT PrintNameLength;
                 ULONG Flags; WCHAR PathBuffer[1]; } SymbolicLinkReparseBuffer;
        struct { USHORT SubstituteNameOffset; USHORT SubstituteNameLength; USHORT PrintNameOffset; USHORT PrintNameLength;
                 WCHAR PathBuffer[1]; } MountPointReparseBuffer;
        struct { UCHAR DataBuffer[1]; } GenericReparseBuffer;
    };
} REPARSE_DATA_BUFFER, *PREPARSE_DATA_BUFFER;
#define REPARSE_DATA_BUFFER_HEADER_SIZE FIELD_OFFSET(REPARSE_DATA_BUFFER, GenericReparseBuffer)
#define SYMLINK_FLAG_RELATIVE 0x00000001
typedef struct _REPARSE_GUID_DATA_BUFFER {
    ULONG ReparseTag; USHORT ReparseDataLength; USHORT Reserved; GUID ReparseGuid; struct { UCHAR DataBuffer[1]; } GenericReparseBuffer;
} REPARSE_GUID_DATA_BUFFER, *PREPARSE_GUID_DATA_BUFFER;
#define REPARSE_GUID_DATA_BUFFER_HEADER_SIZE FIELD_OFFSET(REPARSE_GUID_DATA_BUFFER, GenericReparseBuffer)
#define MAXIMUM_REPARSE_DATA_BUFFER_SIZE (16 * 1024)
#define IO_REPARSE_TAG_VALID_VALUES 0xF000FFFF
#define IsReparseTagValid(_tag) (!((_tag) & ~IO_REPARSE_TAG_VALID_VALUES) && ((_tag) > IO_REPARSE_TAG_RESERVED_RANGE))

/* ---------------------------------------------------------------- file system controls */
#define FSCTL_REQUEST_OPLOCK_LEVEL_1 CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 0, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_OPLOCK_LEVEL_2 CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 1, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_BATCH_OPLOCK CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 2, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPLOCK_BREAK_ACKNOWLEDGE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 3, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPBATCH_ACK_CLOSE_PENDING CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 4, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPLOCK_BREAK_NOTIFY CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 5, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_LOCK_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 6, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_UNLOCK_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 7, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DISMOUNT_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 8, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_VOLUME_MOUNTED CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 10, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_PATHNAME_VALID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 11, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_MARK_VOLUME_DIRTY CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 12, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_RETRIEVAL_POINTERS CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 14, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_GET_COMPRESSION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 15, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_COMPRESSION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 16, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)
#define FSCTL_SET_BOOTLOADER_ACCESSED CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 19, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_MARK_AS_SYSTEM_HIVE FSCTL_SET_BOOTLOADER_ACCESSED
#define FSCTL_OPLOCK_BREAK_ACK_NO_2 CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 20, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_INVALIDATE_VOLUMES CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 21, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_FAT_BPB CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 22, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_FILTER_OPLOCK CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 23, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_FILESYSTEM_GET_STATISTICS CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 24, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_NTFS_VOLUME_DATA CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 25, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_NTFS_FILE_RECORD CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 26, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_VOLUME_BITMAP CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 27, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_GET_RETRIEVAL_POINTERS CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 28, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_MOVE_FILE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 29, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_IS_VOLUME_DIRTY CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 30, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_ALLOW_EXTENDED_DASD_IO CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 32, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_FIND_FILES_BY_SID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 35, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_SET_OBJECT_ID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 38, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_GET_OBJECT_ID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 39, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DELETE_OBJECT_ID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 40, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_SET_REPARSE_POINT CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 41, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_GET_REPARSE_POINT CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 42, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DELETE_REPARSE_POINT CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 43, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_ENUM_USN_DATA CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 44, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_SECURITY_ID_CHECK CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 45, METHOD_NEITHER, FILE_READ_DATA)
#define FSCTL_READ_USN_JOURNAL CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 46, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_SET_OBJECT_ID_EXTENDED CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 47, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_CREATE_OR_GET_OBJECT_ID CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 48, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_SPARSE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 49, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_SET_ZERO_DATA CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 50, METHOD_BUFFERED, FILE_WRITE_DATA)
#define FSCTL_QUERY_ALLOCATED_RANGES CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 51, METHOD_NEITHER, FILE_READ_DATA)
#define FSCTL_ENABLE_UPGRADE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 52, METHOD_BUFFERED, FILE_WRITE_DATA)
#define FSCTL_SET_ENCRYPTION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 53, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_ENCRYPTION_FSCTL_IO CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 54, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_WRITE_RAW_ENCRYPTED CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 55, METHOD_NEITHER, FILE_SPECIAL_ACCESS)
#define FSCTL_READ_RAW_ENCRYPTED CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 56, METHOD_NEITHER, FILE_SPECIAL_ACCESS)
#define FSCTL_CREATE_USN_JOURNAL CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 57, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_READ_FILE_USN_DATA CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 58, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_WRITE_USN_CLOSE_RECORD CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 59, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_EXTEND_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 60, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_USN_JOURNAL CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 61, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DELETE_USN_JOURNAL CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 62, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_MARK_HANDLE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 63, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SIS_COPYFILE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 64, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SIS_LINK_FILES CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 65, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)
#define FSCTL_RECALL_FILE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 69, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_READ_FROM_PLEX CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 71, METHOD_OUT_DIRECT, FILE_READ_DATA)
#define FSCTL_FILE_PREFETCH CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 72, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_MAKE_MEDIA_COMPATIBLE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 76, METHOD_BUFFERED, FILE_WRITE_DATA)
#define FSCTL_SET_DEFECT_MANAGEMENT CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 77, METHOD_BUFFERED, FILE_WRITE_DATA)
#define FSCTL_QUERY_SPARING_INFO CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 78, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_ON_DISK_VOLUME_INFO CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 79, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_VOLUME_COMPRESSION_STATE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 80, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_SHRINK_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 108, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_SET_SHORT_NAME_BEHAVIOR CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 109, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DFSR_SET_GHOST_HANDLE_STATE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 110, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_DEPENDENT_VOLUME CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 124, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SD_GLOBAL_CHANGE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 125, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_FILE_LEVEL_TRIM CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 130, METHOD_BUFFERED, FILE_WRITE_DATA)
#define FSCTL_GET_BOOT_AREA_INFO CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 140, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_RETRIEVAL_POINTER_BASE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 141, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_PERSISTENT_VOLUME_STATE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 142, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_PERSISTENT_VOLUME_STATE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 143, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_OPLOCK CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 144, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_CSV_TUNNEL_REQUEST CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 145, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_CSV_FILE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 146, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_FILE_SYSTEM_RECOGNITION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 147, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OFFLOAD_READ CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 153, METHOD_BUFFERED, FILE_READ_ACCESS)
#define FSCTL_OFFLOAD_WRITE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 154, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define FSCTL_SET_PURGE_FAILURE_MODE CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 156, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_INTEGRITY_INFORMATION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 159, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_INTEGRITY_INFORMATION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 160, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)
#define FSCTL_SET_ZERO_ON_DEALLOCATION CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 101, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_GET_REFS_VOLUME_DATA CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 182, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define SET_PURGE_FAILURE_MODE_ENABLED 0x00000001
#define SET_PURGE_FAILURE_MODE_DISABLED 0x00000002
typedef struct _SET_PURGE_FAILURE_MODE_INPUT { ULONG Flags; } SET_PURGE_FAILURE_MODE_INPUT, *PSET_PURGE_FAILURE_MODE_INPUT;
#define OPLOCK_LEVEL_CACHE_READ (0x00000001)
#define OPLOCK_LEVEL_CACHE_HANDLE (0x00000002)
#define OPLOCK_LEVEL_CACHE_WRITE (0x00000004)
#define REQUEST_OPLOCK_INPUT_FLAG_REQUEST (0x00000001)
#define REQUEST_OPLOCK_INPUT_FLAG_ACK (0x00000002)
#define REQUEST_OPLOCK_INPUT_FLAG_COMPLETE_ACK_ON_CLOSE (0x00000004)
#define REQUEST_OPLOCK_CURRENT_VERSION 1
typedef struct _REQUEST_OPLOCK_INPUT_BUFFER {
    USHORT StructureVersion; USHORT StructureLength; ULONG RequestedOplockLevel; ULONG Flags;
} REQUEST_OPLOCK_INPUT_BUFFER, *PREQUEST_OPLOCK_INPUT_BUFFER;
#define REQUEST_OPLOCK_OUTPUT_FLAG_ACK_REQUIRED (0x00000001)
#define REQUEST_OPLOCK_OUTPUT_FLAG_MODES_PROVIDED (0x00000002)
typedef struct _REQUEST_OPLOCK_OUTPUT_BUFFER {
    USHORT StructureVersion; USHORT StructureLength; ULONG OriginalOplockLevel; ULONG NewOplockLevel; ULONG Flags;
    ACCESS_MASK AccessMode; USHORT ShareMode;
} REQUEST_OPLOCK_OUTPUT_BUFFER, *PREQUEST_OPLOCK_OUTPUT_BUFFER;
typedef struct _FSCTL_QUERY_FAT_BPB_BUFFER { UCHAR First0x24BytesOfBootSector[0x24]; } FSCTL_QUERY_FAT_BPB_BUFFER, *PFSCTL_QUERY_FAT_BPB_BUFFER;
typedef struct _STARTING_LCN_INPUT_BUFFER { LARGE_INTEGER StartingLcn; } STARTING_LCN_INPUT_BUFFER, *PSTARTING_LCN_INPUT_BUFFER;
typedef struct _VOLUME_BITMAP_BUFFER { LARGE_INTEGER StartingLcn; LARGE_INTEGER BitmapSize; UCHAR Buffer[1]; } VOLUME_BITMAP_BUFFER, *PVOLUME_BITMAP_BUFFER;
typedef struct _STARTING_VCN_INPUT_BUFFER { LARGE_INTEGER StartingVcn; } STARTING_VCN_INPUT_BUFFER, *PSTARTING_VCN_INPUT_BUFFER;
typedef struct _RETRIEVAL_POINTERS_BUFFER {
    ULONG ExtentCount; LARGE_INTEGER StartingVcn; struct { LARGE_INTEGER NextVcn; LARGE_INTEGER Lcn; } Extents[1];
} RETRIEVAL_POINTERS_BUFFER, *PRETRIEVAL_POINTERS_BUFFER;
typedef struct _RETRIEVAL_POINTER_BASE { LARGE_INTEGER FileAreaOffset; } RETRIEVAL_POINTER_BASE, *PRETRIEVAL_POINTER_BASE;
typedef struct _MOVE_FILE_DATA { HANDLE FileHandle; LARGE_INTEGER StartingVcn; LARGE_INTEGER StartingLcn; ULONG ClusterCount; } MOVE_FILE_DATA, *PMOVE_FILE_DATA;
typedef struct _MOVE_FILE_DATA32 { UINT32 FileHandle; LARGE_INTEGER StartingVcn; LARGE_INTEGER StartingLcn; ULONG ClusterCount; } MOVE_FILE_DATA32, *PMOVE_FILE_DATA32;
typedef struct _BOOT_AREA_INFO { ULONG BootSectorCount; struct { LARGE_INTEGER Offset; } BootSectors[2]; } BOOT_AREA_INFO, *PBOOT_AREA_INFO;
typedef struct _MARK_HANDLE_INFO {
    union { ULONG UsnSourceInfo; ULONG CopyNumber; }; HANDLE VolumeHandle; ULONG HandleInfo;
} MARK_HANDLE_INFO, *PMARK_HANDLE_INFO;
typedef struct _MARK_HANDLE_INFO32 { union { ULONG UsnSourceInfo; ULONG CopyNumber; }; UINT32 VolumeHandle; ULONG HandleInfo; } MARK_HANDLE_INFO32, *PMARK_HANDLE_INFO32;
#define MARK_HANDLE_PROTECT_CLUSTERS (0x00000001)
#define MARK_HANDLE_TXF_SYSTEM_LOG (0x00000004)
#define MARK_HANDLE_NOT_TXF_SYSTEM_LOG (0x00000008)
#define MARK_HANDLE_REALTIME (0x00000020)
#define MARK_HANDLE_NOT_REALTIME (0x00000040)
typedef struct _FILE_ZERO_DATA_INFORMATION { LARGE_INTEGER FileOffset; LARGE_INTEGER BeyondFinalZero; } FILE_ZERO_DATA_INFORMATION, *PFILE_ZERO_DATA_INFORMATION;
typedef struct _FILE_ALLOCATED_RANGE_BUFFER { LARGE_INTEGER FileOffset; LARGE_INTEGER Length; } FILE_ALLOCATED_RANGE_BUFFER, *PFILE_ALLOCATED_RANGE_BUFFER;
typedef struct _PATHNAME_BUFFER { ULONG PathNameLength; WCHAR Name[1]; } PATHNAME_BUFFER, *PPATHNAME_BUFFER;
typedef struct _FILE_SET_SPARSE_BUFFER { BOOLEAN SetSparse; } FILE_SET_SPARSE_BUFFER, *PFILE_SET_SPARSE_BUFFER;
typedef struct _FILE_OBJECTID_BUFFER {
    UCHAR ObjectId[16];
    union { struct { UCHAR BirthVolumeId[16]; UCHAR BirthObjectId[16]; UCHAR DomainId[16]; }; UCHAR ExtendedInfo[48]; };
} FILE_OBJECTID_BUFFER, *PFILE_OBJECTID_BUFFER;
typedef struct _FILESYSTEM_STATISTICS {
    USHORT FileSystemType; USHORT Version; ULONG SizeOfCompleteStructure; ULONG UserFileReads; ULONG UserFileReadBytes;
    ULONG UserDiskReads; ULONG UserFileWrites; ULONG UserFileWriteBytes; ULONG UserDiskWrites; ULONG MetaDataReads;
    ULONG MetaDataReadBytes; ULONG MetaDataDiskReads; ULONG MetaDataWrites; ULONG MetaDataWriteBytes; ULONG MetaDataDiskWrites;
} FILESYSTEM_STATISTICS, *PFILESYSTEM_STATISTICS;
#define FILESYSTEM_STATISTICS_TYPE_NTFS 1
#define FILESYSTEM_STATISTICS_TYPE_FAT 2
#define FILESYSTEM_STATISTICS_TYPE_EXFAT 3
#define FILESYSTEM_STATISTICS_TYPE_REFS 4
typedef struct _FAT_STATISTICS {
    ULONG CreateHits; ULONG SuccessfulCreates; ULONG FailedCreates; ULONG NonCachedReads; ULONG NonCachedReadBytes;
    ULONG NonCachedWrites; ULONG NonCachedWriteBytes; ULONG NonCachedDiskReads; ULONG NonCachedDiskWrites;
} FAT_STATISTICS, *PFAT_STATISTICS;
typedef struct _EXFAT_STATISTICS {
    ULONG CreateHits; ULONG SuccessfulCreates; ULONG FailedCreates; ULONG NonCachedReads; ULONG NonCachedReadBytes;
    ULONG NonCachedWrites; ULONG NonCachedWriteBytes; ULONG NonCachedDiskReads; ULONG NonCachedDiskWrites;
} EXFAT_STATISTICS, *PEXFAT_STATISTICS;
typedef struct _NTFS_STATISTICS { ULONG LogFileFullExceptions; ULONG OtherExceptions; ULONG MftReads; ULONG MftReadBytes; ULONG MftWrites; ULONG MftWriteBytes; } NTFS_STATISTICS, *PNTFS_STATISTICS;

/* ---------------------------------------------------------------- FsRtl: headers, oplocks, locks, MCBs, tunnels */
typedef enum _FAST_IO_POSSIBLE { FastIoIsNotPossible = 0, FastIoIsPossible, FastIoIsQuestionable } FAST_IO_POSSIBLE;
typedef struct _FSRTL_COMMON_FCB_HEADER {
    CSHORT NodeTypeCode;
    CSHORT NodeByteSize;
    UCHAR Flags;
    UCHAR IsFastIoPossible;
    UCHAR Flags2;
    UCHAR Reserved : 4;
    UCHAR Version : 4;
    PERESOURCE Resource;
    PERESOURCE PagingIoResource;
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER FileSize;
    LARGE_INTEGER ValidDataLength;
} FSRTL_COMMON_FCB_HEADER, *PFSRTL_COMMON_FCB_HEADER;
typedef struct _FSRTL_ADVANCED_FCB_HEADER {
    FSRTL_COMMON_FCB_HEADER DUMMYSTRUCTNAME;
    PFAST_MUTEX FastMutex;
    LIST_ENTRY FilterContexts;
    EX_PUSH_LOCK PushLock;
    PVOID *FileContextSupportPointer;
    union { PVOID Oplock; PVOID ReservedForRemote; };
    PVOID AePushLock;
    PVOID ReservedContext;
    PVOID BypassIoOpenCount;
} FSRTL_ADVANCED_FCB_HEADER, *PFSRTL_ADVANCED_FCB_HEADER;
#define FSRTL_FCB_HEADER_V0 (0x00)
#define FSRTL_FCB_HEADER_V1 (0x01)
#define FSRTL_FCB_HEADER_V2 (0x02)
#define FSRTL_FCB_HEADER_V3 (0x03)
#define FSRTL_FCB_HEADER_V4 (0x04)
#define FSRTL_FLAG_FILE_MODIFIED (0x01)
#define FSRTL_FLAG_FILE_LENGTH_CHANGED (0x02)
#define FSRTL_FLAG_LIMIT_MODIFIED_PAGES (0x04)
#define FSRTL_FLAG_ACQUIRE_MAIN_RSRC_EX (0x08)
#define FSRTL_FLAG_ACQUIRE_MAIN_RSRC_SH (0x10)
#define FSRTL_FLAG_USER_MAPPED_FILE (0x20)
#define FSRTL_FLAG_ADVANCED_HEADER (0x40)
#define FSRTL_FLAG_EOF_ADVANCE_ACTIVE (0x80)
#define FSRTL_FLAG2_DO_MODIFIED_WRITE (0x01)
#define FSRTL_FLAG2_SUPPORTS_FILTER_CONTEXTS (0x02)
#define FSRTL_FLAG2_PURGE_WHEN_MAPPED (0x04)
#define FSRTL_FLAG2_IS_PAGING_FILE (0x08)
#define FSRTL_FLAG2_BYPASSIO_STREAM_PAUSED (0x10)
#define FSRTL_FLAG2_WRITABLE_USER_MAPPED_FILE (0x20)
#define FsRtlSetupAdvancedHeader(_advhdr, _fmutx) { \
    SetFlag((_advhdr)->Flags, FSRTL_FLAG_ADVANCED_HEADER); \
    SetFlag((_advhdr)->Flags2, FSRTL_FLAG2_SUPPORTS_FILTER_CONTEXTS); \
    (_advhdr)->Version = FSRTL_FCB_HEADER_V4; \
    InitializeListHead(&(_advhdr)->FilterContexts); \
    if ((_fmutx) != NULL) { (_advhdr)->FastMutex = (_fmutx); } \
    ExInitializePushLock(&(_advhdr)->PushLock); \
    (_advhdr)->FileContextSupportPointer = NULL; }
#define FsRtlSetupAdvancedHeaderEx(_advhdr, _fmutx, _fctxptr) { \
    FsRtlSetupAdvancedHeader(_advhdr, _fmutx); \
    if ((_fctxptr) != NULL) { (_advhdr)->FileContextSupportPointer = (_fctxptr); } }
#define FsRtlSetupAdvancedHeaderEx2(_advhdr, _fmutx, _fctxptr, _aepushlock) FsRtlSetupAdvancedHeaderEx(_advhdr, _fmutx, _fctxptr)
#ifndef FlagOn
#define FlagOn(_F, _SF) ((_F) & (_SF))
#endif
#ifndef BooleanFlagOn
#define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#endif
#ifndef SetFlag
#define SetFlag(_F, _SF) ((_F) |= (_SF))
#endif
#ifndef ClearFlag
#define ClearFlag(_F, _SF) ((_F) &= ~(_SF))
#endif
typedef PVOID OPLOCK, *POPLOCK;
#define FILE_OPLOCK_BROKEN_TO_LEVEL_2 0x00000007
#define FILE_OPLOCK_BROKEN_TO_NONE 0x00000008
#define FILE_OPBATCH_BREAK_UNDERWAY 0x00000009
#define TOKEN_HAS_TRAVERSE_PRIVILEGE 0x0001
#define TOKEN_HAS_BACKUP_PRIVILEGE 0x0002
#define TOKEN_HAS_RESTORE_PRIVILEGE 0x0004
#define TOKEN_WRITE_RESTRICTED 0x0008
#define TOKEN_IS_RESTRICTED 0x0010
#define TOKEN_SESSION_NOT_REFERENCED 0x0020
#define TOKEN_SANDBOX_INERT 0x0040
#define TOKEN_HAS_IMPERSONATE_PRIVILEGE 0x0080
#define VACB_MAPPING_GRANULARITY (0x40000)
#define VACB_OFFSET_SHIFT (18)
#define CC_ENABLE_DISK_IO_ACCOUNTING (0x00000010)
#define CC_DISABLE_READ_AHEAD (0x00000001)
#define CC_DISABLE_WRITE_BEHIND (0x00000002)
#define CC_ENABLE_CPU_CACHE (0x10000000)
typedef enum _FS_FILTER_SECTION_SYNC_TYPE { SyncTypeOther = 0, SyncTypeCreateSection } FS_FILTER_SECTION_SYNC_TYPE, *PFS_FILTER_SECTION_SYNC_TYPE;
typedef enum _FS_FILTER_STREAM_FO_NOTIFICATION_TYPE { NotifyTypeCreate = 0, NotifyTypeRetired } FS_FILTER_STREAM_FO_NOTIFICATION_TYPE, *PFS_FILTER_STREAM_FO_NOTIFICATION_TYPE;
typedef union _FILE_SEGMENT_ELEMENT { PVOID64 Buffer; ULONGLONG Alignment; } FILE_SEGMENT_ELEMENT, *PFILE_SEGMENT_ELEMENT;
typedef struct _READ_LIST { PFILE_OBJECT FileObject; ULONG NumberOfEntries; LOGICAL IsImage; FILE_SEGMENT_ELEMENT List[ANYSIZE_ARRAY]; } READ_LIST, *PREAD_LIST;
typedef _Function_class_(OPLOCK_WAIT_COMPLETE_ROUTINE)
VOID NTAPI OPLOCK_WAIT_COMPLETE_ROUTINE(_In_ PVOID Context, _In_ PIRP Irp);
typedef OPLOCK_WAIT_COMPLETE_ROUTINE *POPLOCK_WAIT_COMPLETE_ROUTINE;
typedef _Function_class_(OPLOCK_FS_PREPOST_IRP) VOID NTAPI OPLOCK_FS_PREPOST_IRP(_In_ PVOID Context, _In_ PIRP Irp);
typedef OPLOCK_FS_PREPOST_IRP *POPLOCK_FS_PREPOST_IRP;
#define OPLOCK_FLAG_COMPLETE_IF_OPLOCKED 0x00000001
#define OPLOCK_FLAG_OPLOCK_KEY_CHECK_ONLY 0x00000002
#define OPLOCK_FLAG_BACK_OUT_ATOMIC_OPLOCK 0x00000004
#define OPLOCK_FLAG_IGNORE_OPLOCK_KEYS 0x00000008
#define OPLOCK_FSCTRL_FLAG_ALL_KEYS_MATCH 0x00000001
#define OPLOCK_FLAG_PARENT_OBJECT 0x00000010
#define OPLOCK_FLAG_CLOSING_DELETE_ON_CLOSE 0x00000020
#define OPLOCK_FLAG_REMOVING_FILE_OR_LINK 0x00000040
#define OPLOCK_FLAG_BREAKING_FOR_SHARING_VIOLATION 0x00000080
#define OPLOCK_UPPER_FLAG_CHECK_NO_BREAK 0x00010000
#define OPLOCK_UPPER_FLAG_NOTIFY_REFRESH_READ 0x00020000
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI VOID NTAPI FsRtlInitializeOplock(_Inout_ POPLOCK Oplock);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI VOID NTAPI FsRtlUninitializeOplock(_Inout_ POPLOCK Oplock);
_Must_inspect_result_ _IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlOplockFsctrl(_In_ POPLOCK Oplock,
    _In_ PIRP Irp, _In_ ULONG OpenCount);
_Must_inspect_result_ _IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlOplockFsctrlEx(_In_ POPLOCK Oplock,
    _In_ PIRP Irp, _In_ ULONG OpenCount, _In_ ULONG Flags);
_Must_inspect_result_ _IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlCheckOplock(_In_ POPLOCK Oplock,
    _In_ PIRP Irp, _In_opt_ PVOID Context, _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine,
    _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine);
_Must_inspect_result_ _IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlCheckOplockEx(_In_ POPLOCK Oplock,
    _In_ PIRP Irp, _In_ ULONG Flags, _In_opt_ PVOID Context, _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine,
    _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine);
_Must_inspect_result_ _IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlCheckOplockEx2(_In_ POPLOCK Oplock,
    _In_ PIRP Irp, _In_ ULONG Flags, _In_ ULONG FlagsEx2, _In_opt_ PVOID CompletionRoutineContext,
    _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine,
    _In_ ULONGLONG Timeout, _In_opt_ PVOID NotifyContext, _In_opt_ PVOID NotifyRoutine);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI FsRtlOplockIsFastIoPossible(_In_ POPLOCK Oplock);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI FsRtlCurrentBatchOplock(_In_ POPLOCK Oplock);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI FsRtlCurrentOplock(_In_ POPLOCK Oplock);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI BOOLEAN NTAPI FsRtlOplockIsSharedRequest(_In_ PIRP Irp);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlOplockBreakToNone(_Inout_ POPLOCK Oplock,
    _In_opt_ PIO_STACK_LOCATION IrpSp, _In_ PIRP Irp, _In_opt_ PVOID Context,
    _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlOplockBreakToNoneEx(_Inout_ POPLOCK Oplock, _In_ PIRP Irp,
    _In_ ULONG Flags, _In_opt_ PVOID Context, _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine,
    _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI NTSTATUS NTAPI FsRtlOplockBreakH(_In_ POPLOCK Oplock, _In_ PIRP Irp, _In_ ULONG Flags,
    _In_opt_ PVOID Context, _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, _In_opt_ POPLOCK_FS_PREPOST_IRP PostIrpRoutine);
NTKERNELAPI BOOLEAN NTAPI FsRtlOplockKeysEqual(_In_opt_ PFILE_OBJECT Fo1, _In_opt_ PFILE_OBJECT Fo2);
NTKERNELAPI NTSTATUS NTAPI FsRtlCheckUpperOplock(_In_ POPLOCK Oplock, _In_ ULONG NewLowerOplockState, _In_opt_ PVOID CompletionRoutineContext,
    _In_opt_ POPLOCK_WAIT_COMPLETE_ROUTINE CompletionRoutine, _In_opt_ POPLOCK_FS_PREPOST_IRP PrePendRoutine, _In_ ULONG OpFlags);
NTKERNELAPI NTSTATUS NTAPI FsRtlUpperOplockFsctrl(_In_ POPLOCK Oplock, _In_ PIRP Irp, _In_ ULONG OpenCount,
    _In_ ULONG LowerOplockState, _In_ ULONG Flags);

typedef struct _FILE_LOCK_INFO {
    LARGE_INTEGER StartingByte; LARGE_INTEGER Length; BOOLEAN ExclusiveLock; ULONG Key; PFILE_OBJECT FileObject;
    PVOID ProcessId; LARGE_INTEGER EndingByte;
} FILE_LOCK_INFO, *PFILE_LOCK_INFO;
typedef NTSTATUS (NTAPI *PCOMPLETE_LOCK_IRP_ROUTINE)(_In_ PVOID Context, _In_ PIRP Irp);
typedef VOID (NTAPI *PUNLOCK_ROUTINE)(_In_ PVOID Context, _In_ PFILE_LOCK_INFO FileLockInfo);
typedef struct _FILE_LOCK {
    PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine; PUNLOCK_ROUTINE UnlockRoutine; BOOLEAN FastIoIsQuestionable;
    BOOLEAN SpareC[3]; PVOID LockInformation; FILE_LOCK_INFO LastReturnedLockInfo; PVOID LastReturnedLock;
    LONG volatile LockRequestsInProgress;
} FILE_LOCK, *PFILE_LOCK;
NTKERNELAPI PFILE_LOCK NTAPI FsRtlAllocateFileLock(_In_opt_ PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine,
    _In_opt_ PUNLOCK_ROUTINE UnlockRoutine);
NTKERNELAPI VOID NTAPI FsRtlFreeFileLock(_In_ PFILE_LOCK FileLock);
NTKERNELAPI VOID NTAPI FsRtlInitializeFileLock(_Out_ PFILE_LOCK FileLock, _In_opt_ PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine,
    _In_opt_ PUNLOCK_ROUTINE UnlockRoutine);
NTKERNELAPI VOID NTAPI FsRtlUninitializeFileLock(_Inout_ PFILE_LOCK FileLock);
_Must_inspect_result_ NTKERNELAPI NTSTATUS NTAPI FsRtlProcessFileLock(_In_ PFILE_LOCK FileLock, _In_ PIRP Irp, _In_opt_ PVOID Context);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForReadAccess(_In_ PFILE_LOCK FileLock, _In_ PIRP Irp);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForWriteAccess(_In_ PFILE_LOCK FileLock, _In_ PIRP Irp);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlCheckLockForOplockRequest(_In_ PFILE_LOCK FileLock, _In_ PLARGE_INTEGER AllocationSize);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlFastCheckLockForRead(_In_ PFILE_LOCK FileLock, _In_ PLARGE_INTEGER StartingByte,
    _In_ PLARGE_INTEGER Length, _In_ ULONG Key, _In_ PFILE_OBJECT FileObject, _In_ PVOID ProcessId);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlFastCheckLockForWrite(_In_ PFILE_LOCK FileLock, _In_ PLARGE_INTEGER StartingByte,
    _In_ PLARGE_INTEGER Length, _In_ ULONG Key, _In_ PVOID FileObject, _In_ PVOID ProcessId);
NTKERNELAPI PFILE_LOCK_INFO NTAPI FsRtlGetNextFileLock(_In_ PFILE_LOCK FileLock, _In_ BOOLEAN Restart);
NTKERNELAPI BOOLEAN NTAPI FsRtlAreThereCurrentOrInProgressFileLocks(_In_ PFILE_LOCK FileLock);
#define FsRtlAreThereCurrentFileLocks(FL) (((FL)->FastIoIsQuestionable))
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockSingle(_In_ PFILE_LOCK FileLock, _In_ PFILE_OBJECT FileObject,
    _In_ LARGE_INTEGER UNALIGNED *FileOffset, _In_ PLARGE_INTEGER Length, _In_ PEPROCESS ProcessId, _In_ ULONG Key,
    _In_opt_ PVOID Context, _In_ BOOLEAN AlreadySynchronized);
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockAll(_In_ PFILE_LOCK FileLock, _In_ PFILE_OBJECT FileObject, _In_ PEPROCESS ProcessId,
    _In_opt_ PVOID Context);
NTKERNELAPI NTSTATUS NTAPI FsRtlFastUnlockAllByKey(_In_ PFILE_LOCK FileLock, _In_ PFILE_OBJECT FileObject, _In_ PEPROCESS ProcessId,
    _In_ ULONG Key, _In_opt_ PVOID Context);
NTKERNELAPI BOOLEAN NTAPI FsRtlPrivateLock(_In_ PFILE_LOCK FileLock, _In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset,
    _In_ PLARGE_INTEGER Length, _In_ PEPROCESS ProcessId, _In_ ULONG Key, _In_ BOOLEAN FailImmediately,
    _In_ BOOLEAN ExclusiveLock, _Out_ PIO_STATUS_BLOCK Iosb, _In_opt_ PIRP Irp, _In_opt_ PVOID Context,
    _In_ BOOLEAN AlreadySynchronized);
#define FsRtlFastLock(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11) \
    FsRtlPrivateLock(A1, A2, A3, A4, A5, A6, A7, A8, A9, NULL, A10, A11)
typedef struct _BASE_MCB { ULONG MaximumPairCount; ULONG PairCount; USHORT PoolType; USHORT Flags; PVOID Mapping; } BASE_MCB, *PBASE_MCB;
typedef struct _LARGE_MCB { PKGUARDED_MUTEX GuardedMutex; BASE_MCB BaseMcb; } LARGE_MCB, *PLARGE_MCB;
typedef struct _MCB { LARGE_MCB DummyFieldThatSizesThisStructureCorrectly; } MCB, *PMCB;
#define MCB_FLAG_RAISE_ON_ALLOCATION_FAILURE 1
NTKERNELAPI VOID NTAPI FsRtlInitializeLargeMcb(_Out_ PLARGE_MCB Mcb, _In_ POOL_TYPE PoolType);
NTKERNELAPI VOID NTAPI FsRtlUninitializeLargeMcb(_Inout_ PLARGE_MCB Mcb);
NTKERNELAPI VOID NTAPI FsRtlResetLargeMcb(_Inout_ PLARGE_MCB Mcb, _In_ BOOLEAN SelfSynchronized);
NTKERNELAPI VOID NTAPI FsRtlTruncateLargeMcb(_Inout_ PLARGE_MCB Mcb, _In_ LONGLONG Vbn);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlAddLargeMcbEntry(_Inout_ PLARGE_MCB Mcb, _In_ LONGLONG Vbn, _In_ LONGLONG Lbn,
    _In_ LONGLONG SectorCount);
NTKERNELAPI VOID NTAPI FsRtlRemoveLargeMcbEntry(_Inout_ PLARGE_MCB Mcb, _In_ LONGLONG Vbn, _In_ LONGLONG SectorCount);
NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLargeMcbEntry(_In_ PLARGE_MCB Mcb, _In_ LONGLONG Vbn, _Out_opt_ PLONGLONG Lbn,
    _Out_opt_ PLONGLONG SectorCountFromLbn, _Out_opt_ PLONGLONG StartingLbn, _Out_opt_ PLONGLONG SectorCountFromStartingLbn,
    _Out_opt_ PULONG Index);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLastLargeMcbEntry(_In_ PLARGE_MCB Mcb, _Out_ PLONGLONG Vbn, _Out_ PLONGLONG Lbn);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlLookupLastLargeMcbEntryAndIndex(_In_ PLARGE_MCB OpaqueMcb,
    _Out_ PLONGLONG LargeVbn, _Out_ PLONGLONG LargeLbn, _Out_ PULONG Index);
NTKERNELAPI ULONG NTAPI FsRtlNumberOfRunsInLargeMcb(_In_ PLARGE_MCB Mcb);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlGetNextLargeMcbEntry(_In_ PLARGE_MCB Mcb, _In_ ULONG RunIndex,
    _Out_ PLONGLONG Vbn, _Out_ PLONGLONG Lbn, _Out_ PLONGLONG SectorCount);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlSplitLargeMcb(_Inout_ PLARGE_MCB Mcb, _In_ LONGLONG Vbn, _In_ LONGLONG Amount);
NTKERNELAPI VOID NTAPI FsRtlInitializeMcb(_Out_ PMCB Mcb, _In_ POOL_TYPE PoolType);
NTKERNELAPI VOID NTAPI FsRtlUninitializeMcb(_Inout_ PMCB Mcb);
NTKERNELAPI BOOLEAN NTAPI FsRtlAddMcbEntry(_Inout_ PMCB Mcb, _In_ LONG Vbn, _In_ LONG Lbn, _In_ ULONG SectorCount);
NTKERNELAPI VOID NTAPI FsRtlInitializeBaseMcb(_Out_ PBASE_MCB Mcb, _In_ POOL_TYPE PoolType);
NTKERNELAPI VOID NTAPI FsRtlUninitializeBaseMcb(_Inout_ PBASE_MCB Mcb);
typedef struct _TUNNEL { FAST_MUTEX Mutex; PRTL_SPLAY_LINKS Cache; LIST_ENTRY TimerQueue; USHORT NumEntries; } TUNNEL, *PTUNNEL;
NTKERNELAPI VOID NTAPI FsRtlInitializeTunnelCache(_In_ TUNNEL *Cache);
NTKERNELAPI VOID NTAPI FsRtlAddToTunnelCache(_In_ TUNNEL *Cache, _In_ ULONGLONG DirectoryKey, _In_ UNICODE_STRING *ShortName,
    _In_ UNICODE_STRING *LongName, _In_ BOOLEAN KeyByShortName, _In_ ULONG DataLength, _In_reads_bytes_(DataLength) VOID *Data);
NTKERNELAPI BOOLEAN NTAPI FsRtlFindInTunnelCache(_In_ TUNNEL *Cache, _In_ ULONGLONG DirectoryKey, _In_ UNICODE_STRING *Name,
    _Out_ UNICODE_STRING *ShortName, _Out_ UNICODE_STRING *LongName, _Inout_ ULONG *DataLength,
    _Out_writes_bytes_to_(*DataLength, *DataLength) VOID *Data);
NTKERNELAPI VOID NTAPI FsRtlDeleteKeyFromTunnelCache(_In_ TUNNEL *Cache, _In_ ULONGLONG DirectoryKey);
NTKERNELAPI VOID NTAPI FsRtlDeleteTunnelCache(_In_ TUNNEL *Cache);

/* ---------------------------------------------------------------- FsRtl: names, notify, misc */
#define FsRtlEnterFileSystem() { KeEnterCriticalRegion(); }
#define FsRtlExitFileSystem() { KeLeaveCriticalRegion(); }
#define FSRTL_FSP_TOP_LEVEL_IRP ((LONG_PTR)0x01)
#define FSRTL_CACHE_TOP_LEVEL_IRP ((LONG_PTR)0x02)
#define FSRTL_MOD_WRITE_TOP_LEVEL_IRP ((LONG_PTR)0x03)
#define FSRTL_FAST_IO_TOP_LEVEL_IRP ((LONG_PTR)0x04)
#define FSRTL_NETWORK1_TOP_LEVEL_IRP ((LONG_PTR)0x05)
#define FSRTL_NETWORK2_TOP_LEVEL_IRP ((LONG_PTR)0x06)
#define FSRTL_MAX_TOP_LEVEL_IRP_FLAG ((LONG_PTR)0xFFFF)
#define FSRTL_VOLUME_DISMOUNT 1
#define FSRTL_VOLUME_DISMOUNT_FAILED 2
#define FSRTL_VOLUME_LOCK 3
#define FSRTL_VOLUME_LOCK_FAILED 4
#define FSRTL_VOLUME_UNLOCK 5
#define FSRTL_VOLUME_MOUNT 6
#define FSRTL_VOLUME_NEEDS_CHKDSK 7
#define FSRTL_VOLUME_WORM_NEAR_FULL 8
#define FSRTL_VOLUME_WEARING_OUT 9
#define FSRTL_VOLUME_FORCED_CLOSED 10
#define FSRTL_VOLUME_INFO_MAKE_COMPAT 11
#define FSRTL_VOLUME_PREPARING_EJECT 12
#define FSRTL_VOLUME_CHANGE_SIZE 13
#define FSRTL_VOLUME_BACKGROUND_FORMAT 14
#define FSRTL_WILD_CHARACTER 0x08
#define FSRTL_FAT_LEGAL 0x01
#define FSRTL_HPFS_LEGAL 0x02
#define FSRTL_NTFS_LEGAL 0x04
#define FSRTL_OLE_LEGAL 0x10
#define FSRTL_NTFS_STREAM_LEGAL (FSRTL_NTFS_LEGAL | FSRTL_NTFS_STREAM_LEGAL_KD)
#define FSRTL_NTFS_STREAM_LEGAL_KD 0x20
#define FSRTL_ALL_LEGAL_KD 0x1f
extern UCHAR const *const FsRtlLegalAnsiCharacterArray;
#define FsRtlIsAnsiCharacterWild(C) (((SCHAR)(C) < 0) ? FALSE : FlagOn(FsRtlLegalAnsiCharacterArray[(UCHAR)(C)], FSRTL_WILD_CHARACTER))
#define FsRtlIsAnsiCharacterLegalFat(C, WILD_OK) (((SCHAR)(C) < 0) ? TRUE : FlagOn(FsRtlLegalAnsiCharacterArray[(UCHAR)(C)], FSRTL_FAT_LEGAL | ((WILD_OK) ? FSRTL_WILD_CHARACTER : 0)))
#define FsRtlIsAnsiCharacterLegalHpfs(C, WILD_OK) (((SCHAR)(C) < 0) ? TRUE : FlagOn(FsRtlLegalAnsiCharacterArray[(UCHAR)(C)], FSRTL_HPFS_LEGAL | ((WILD_OK) ? FSRTL_WILD_CHARACTER : 0)))
#define FsRtlIsAnsiCharacterLegalNtfs(C, WILD_OK) (((SCHAR)(C) < 0) ? TRUE : FlagOn(FsRtlLegalAnsiCharacterArray[(UCHAR)(C)], FSRTL_NTFS_LEGAL | ((WILD_OK) ? FSRTL_WILD_CHARACTER : 0)))
#define FsRtlIsUnicodeCharacterWild(C) ((((C) >= 0x40) ? FALSE : FlagOn(FsRtlLegalAnsiCharacterArray[(C)], FSRTL_WILD_CHARACTER)))
#define FsRtlIsLeadDbcsCharacter(DBCS_CHAR) ((BOOLEAN)((UCHAR)(DBCS_CHAR) < 0x80 ? FALSE : (NLS_MB_CODE_PAGE_TAG && (NLS_OEM_LEAD_BYTE_INFO[(UCHAR)(DBCS_CHAR)] != 0))))
extern BOOLEAN NlsMbCodePageTag;
extern BOOLEAN NlsMbOemCodePageTag;
extern PUSHORT NlsOemLeadByteInfo;
#define NLS_MB_CODE_PAGE_TAG NlsMbOemCodePageTag
#define NLS_MB_OEM_CODE_PAGE_TAG NlsMbOemCodePageTag
#define NLS_OEM_LEAD_BYTE_INFO NlsOemLeadByteInfo
#define FsRtlAllocatePool(PoolType, NumberOfBytes) ExAllocatePoolWithTag((POOL_TYPE)((PoolType) | POOL_RAISE_IF_ALLOCATION_FAILURE), NumberOfBytes, 'trSF')
#define FsRtlAllocatePoolWithQuota(PoolType, NumberOfBytes) ExAllocatePoolWithQuotaTag((POOL_TYPE)((PoolType) | POOL_RAISE_IF_ALLOCATION_FAILURE), NumberOfBytes, 'trSF')
#define FsRtlAllocatePoolWithTag(PoolType, NumberOfBytes, Tag) ExAllocatePoolWithTag((POOL_TYPE)((PoolType) | POOL_RAISE_IF_ALLOCATION_FAILURE), NumberOfBytes, Tag)
#define FsRtlAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, Tag) ExAllocatePoolWithQuotaTag((POOL_TYPE)((PoolType) | POOL_RAISE_IF_ALLOCATION_FAILURE), NumberOfBytes, Tag)
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlIsNameInExpression(_In_ PUNICODE_STRING Expression, _In_ PUNICODE_STRING Name,
    _In_ BOOLEAN IgnoreCase, _In_opt_ PWCH UpcaseTable);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlIsDbcsInExpression(_In_ PANSI_STRING Expression, _In_ PANSI_STRING Name);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlDoesNameContainWildCards(_In_ PUNICODE_STRING Name);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlDoesDbcsContainWildCards(_In_ PANSI_STRING Name);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlAreNamesEqual(_In_ PCUNICODE_STRING ConstantNameA,
    _In_ PCUNICODE_STRING ConstantNameB, _In_ BOOLEAN IgnoreCase, _In_reads_opt_(0x10000) PCWCH UpcaseTable);
NTKERNELAPI VOID NTAPI FsRtlDissectName(_In_ UNICODE_STRING Path, _Out_ PUNICODE_STRING FirstName, _Out_ PUNICODE_STRING RemainingName);
NTKERNELAPI VOID NTAPI FsRtlDissectDbcs(_In_ ANSI_STRING Path, _Out_ PANSI_STRING FirstName, _Out_ PANSI_STRING RemainingName);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlIsFatDbcsLegal(_In_ ANSI_STRING DbcsName, _In_ BOOLEAN WildCardsPermissible,
    _In_ BOOLEAN PathNamePermissible, _In_ BOOLEAN LeadingBackslashPermissible);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlIsHpfsDbcsLegal(_In_ ANSI_STRING DbcsName, _In_ BOOLEAN WildCardsPermissible,
    _In_ BOOLEAN PathNamePermissible, _In_ BOOLEAN LeadingBackslashPermissible);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsNtstatusExpected(_In_ NTSTATUS Exception);
NTKERNELAPI NTSTATUS NTAPI FsRtlNormalizeNtstatus(_In_ NTSTATUS Exception, _In_ NTSTATUS GenericException);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsTotalDeviceFailure(_In_ NTSTATUS Status);
typedef enum _FSRTL_COMPARISON_RESULT { LessThan = -1, EqualTo = 0, GreaterThan = 1 } FSRTL_COMPARISON_RESULT;
#define DOS_STAR (L'<')
#define DOS_QM (L'>')
#define DOS_DOT (L'"')
#define ANSI_DOS_STAR ('<')
#define ANSI_DOS_QM ('>')
#define ANSI_DOS_DOT ('"')
typedef PVOID PNOTIFY_SYNC;
typedef BOOLEAN (NTAPI *PCHECK_FOR_TRAVERSE_ACCESS)(_In_ PVOID NotifyContext, _In_opt_ PVOID TargetContext,
    _In_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
typedef BOOLEAN (NTAPI *PFILTER_REPORT_CHANGE)(_In_ PVOID NotifyContext, _In_ PVOID FilterContext);
NTKERNELAPI VOID NTAPI FsRtlNotifyInitializeSync(_In_ PNOTIFY_SYNC *NotifySync);
NTKERNELAPI VOID NTAPI FsRtlNotifyUninitializeSync(_In_ PNOTIFY_SYNC *NotifySync);
NTKERNELAPI VOID NTAPI FsRtlNotifyFullChangeDirectory(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList,
    _In_ PVOID FsContext, _In_ PSTRING FullDirectoryName, _In_ BOOLEAN WatchTree, _In_ BOOLEAN IgnoreBuffer,
    _In_ ULONG CompletionFilter, _In_opt_ PIRP NotifyIrp, _In_opt_ PCHECK_FOR_TRAVERSE_ACCESS TraverseCallback,
    _In_opt_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI FsRtlNotifyFilterChangeDirectory(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList,
    _In_ PVOID FsContext, _In_ PSTRING FullDirectoryName, _In_ BOOLEAN WatchTree, _In_ BOOLEAN IgnoreBuffer,
    _In_ ULONG CompletionFilter, _In_opt_ PIRP NotifyIrp, _In_opt_ PCHECK_FOR_TRAVERSE_ACCESS TraverseCallback,
    _In_opt_ PSECURITY_SUBJECT_CONTEXT SubjectContext, _In_opt_ PFILTER_REPORT_CHANGE FilterCallback);
NTKERNELAPI VOID NTAPI FsRtlNotifyFullReportChange(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList,
    _In_ PSTRING FullTargetName, _In_ USHORT TargetNameOffset, _In_opt_ PSTRING StreamName, _In_opt_ PSTRING NormalizedParentName,
    _In_ ULONG FilterMatch, _In_ ULONG Action, _In_opt_ PVOID TargetContext);
NTKERNELAPI VOID NTAPI FsRtlNotifyFilterReportChange(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList,
    _In_ PSTRING FullTargetName, _In_ USHORT TargetNameOffset, _In_opt_ PSTRING StreamName, _In_opt_ PSTRING NormalizedParentName,
    _In_ ULONG FilterMatch, _In_ ULONG Action, _In_opt_ PVOID TargetContext, _In_opt_ PVOID FilterContext);
NTKERNELAPI VOID NTAPI FsRtlNotifyCleanup(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList, _In_ PVOID FsContext);
NTKERNELAPI VOID NTAPI FsRtlNotifyCleanupAll(_In_ PNOTIFY_SYNC NotifySync, _In_ PLIST_ENTRY NotifyList);
NTKERNELAPI NTSTATUS NTAPI FsRtlNotifyVolumeEvent(_In_ PFILE_OBJECT FileObject, _In_ ULONG EventCode);
NTKERNELAPI NTSTATUS NTAPI FsRtlNotifyVolumeEventEx(_In_ PFILE_OBJECT FileObject, _In_ ULONG EventCode,
    _In_ PTARGET_DEVICE_CUSTOM_NOTIFICATION Event);
typedef VOID (NTAPI *PFSRTL_STACK_OVERFLOW_ROUTINE)(_In_ PVOID Context, _In_ PKEVENT Event);
NTKERNELAPI VOID NTAPI FsRtlPostStackOverflow(_In_ PVOID Context, _In_ PKEVENT Event, _In_ PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine);
NTKERNELAPI VOID NTAPI FsRtlPostPagingFileStackOverflow(_In_ PVOID Context, _In_ PKEVENT Event,
    _In_ PFSRTL_STACK_OVERFLOW_ROUTINE StackOverflowRoutine);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlCopyRead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset,
    _In_ ULONG Length, _In_ BOOLEAN Wait, _In_ ULONG LockKey, _Out_writes_bytes_(Length) PVOID Buffer,
    _Out_ PIO_STATUS_BLOCK IoStatus, _In_ PDEVICE_OBJECT DeviceObject);
_Must_inspect_result_ NTKERNELAPI BOOLEAN NTAPI FsRtlCopyWrite(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset,
    _In_ ULONG Length, _In_ BOOLEAN Wait, _In_ ULONG LockKey, _In_reads_bytes_(Length) PVOID Buffer,
    _Out_ PIO_STATUS_BLOCK IoStatus, _In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlReadDev(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ ULONG LockKey, _Outptr_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlReadCompleteDev(_In_ PFILE_OBJECT FileObject, _In_ PMDL MdlChain, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlPrepareMdlWriteDev(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ ULONG LockKey, _Outptr_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus, _In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlWriteCompleteDev(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset,
    _In_ PMDL MdlChain, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlRead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ ULONG LockKey, _Outptr_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlReadComplete(_In_ PFILE_OBJECT FileObject, _In_ PMDL MdlChain);
NTKERNELAPI BOOLEAN NTAPI FsRtlPrepareMdlWrite(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ ULONG LockKey, _Outptr_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI BOOLEAN NTAPI FsRtlMdlWriteComplete(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ PMDL MdlChain);
NTKERNELAPI NTSTATUS NTAPI FsRtlGetFileSize(_In_ PFILE_OBJECT FileObject, _Inout_ PLARGE_INTEGER FileSize);
NTKERNELAPI NTSTATUS NTAPI FsRtlBalanceReads(_In_ PDEVICE_OBJECT TargetDevice);
NTKERNELAPI VOID NTAPI FsRtlIncrementCcFastReadNotPossible(VOID);
NTKERNELAPI VOID NTAPI FsRtlIncrementCcFastReadWait(VOID);
NTKERNELAPI VOID NTAPI FsRtlIncrementCcFastReadNoWait(VOID);
NTKERNELAPI VOID NTAPI FsRtlIncrementCcFastReadResourceMiss(VOID);
NTKERNELAPI VOID NTAPI FsRtlIncrementCcFastMdlReadWait(VOID);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsPagingFile(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsSystemPagingFile(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI FsRtlRegisterUncProvider(_Out_ PHANDLE MupHandle, _In_ PCUNICODE_STRING RedirectorDeviceName,
    _In_ BOOLEAN MailslotsSupported);
NTKERNELAPI NTSTATUS NTAPI FsRtlRegisterUncProviderEx(_Out_ PHANDLE MupHandle, _In_ PCUNICODE_STRING RedirDevName,
    _In_ PDEVICE_OBJECT DeviceObject, _In_ ULONG Flags);
NTKERNELAPI NTSTATUS NTAPI FsRtlRegisterUncProviderEx2(_In_ PCUNICODE_STRING RedirDevName, _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PVOID Registration, _Out_ PHANDLE MupHandle);
NTKERNELAPI VOID NTAPI FsRtlDeregisterUncProvider(_In_ HANDLE Handle);
NTKERNELAPI NTSTATUS NTAPI FsRtlMupGetProviderIdFromName(_In_ PCUNICODE_STRING ProviderName, _Out_ PULONG32 ProviderId);
NTKERNELAPI NTSTATUS NTAPI FsRtlMupGetProviderInfoFromFileObject(_In_ PFILE_OBJECT pFileObject, _In_ ULONG Level,
    _Out_writes_bytes_(*pBufferSize) PVOID pBuffer, _Inout_ PULONG pBufferSize);
NTKERNELAPI NTSTATUS NTAPI FsRtlValidateReparsePointBuffer(_In_ ULONG BufferLength,
    _In_reads_bytes_(BufferLength) PREPARSE_DATA_BUFFER ReparseBuffer);
NTKERNELAPI NTSTATUS NTAPI FsRtlRemoveDotsFromPath(_Inout_updates_bytes_(PathLength) PWSTR OriginalString,
    _In_ USHORT PathLength, _Out_ USHORT *NewLength);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsNonEmptyDirectoryReparsePointAllowed(_In_ ULONG ReparseTag);
NTKERNELAPI NTSTATUS NTAPI FsRtlGetSectorSizeInformation(_In_ PDEVICE_OBJECT DeviceObject,
    _Out_ PFILE_FS_SECTOR_SIZE_INFORMATION SectorSizeInfo);
NTKERNELAPI NTSTATUS NTAPI FsRtlKernelFsControlFile(_In_ PFILE_OBJECT FileObject, _In_ ULONG FsControlCode,
    _In_reads_bytes_(InputBufferLength) PVOID InputBuffer, _In_ ULONG InputBufferLength,
    _Out_writes_bytes_(OutputBufferLength) PVOID OutputBuffer, _In_ ULONG OutputBufferLength, _Out_ PULONG RetOutputBufferSize);
NTKERNELAPI NTSTATUS NTAPI FsRtlIssueDeviceIoControl(_In_ PDEVICE_OBJECT DeviceObject, _In_ ULONG IoCtl, _In_ UCHAR Flags,
    _In_opt_ PVOID InputBuffer, _In_ ULONG InputBufferLength, _In_opt_ PVOID OutputBuffer, _In_ ULONG OutputBufferLength,
    _Out_opt_ PULONG_PTR IosbInformation);
NTKERNELAPI NTSTATUS NTAPI FsRtlCancellableWaitForSingleObject(_In_ PVOID Object, _In_opt_ PLARGE_INTEGER Timeout, _In_opt_ PIRP Irp);
NTKERNELAPI NTSTATUS NTAPI FsRtlCancellableWaitForMultipleObjects(_In_ ULONG Count, _In_reads_(Count) PVOID ObjectArray[],
    _In_ WAIT_TYPE WaitType, _In_opt_ PLARGE_INTEGER Timeout, _In_opt_ PKWAIT_BLOCK WaitBlockArray, _In_opt_ PIRP Irp);
NTKERNELAPI BOOLEAN NTAPI FsRtlAcquireFileExclusive(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI VOID NTAPI FsRtlReleaseFile(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI FsRtlGetEcpListFromIrp(_In_ PIRP Irp, _Outptr_result_maybenull_ PECP_LIST *EcpList);
NTKERNELAPI NTSTATUS NTAPI FsRtlFindExtraCreateParameter(_In_ PECP_LIST EcpList, _In_ LPCGUID EcpType,
    _Outptr_opt_ PVOID *EcpContext, _Out_opt_ ULONG *EcpContextSize);
NTKERNELAPI NTSTATUS NTAPI FsRtlGetNextExtraCreateParameter(_In_ PECP_LIST EcpList, _In_opt_ PVOID CurrentEcpContext,
    _Out_opt_ LPGUID NextEcpType, _Outptr_opt_ PVOID *NextEcpContext, _Out_opt_ PULONG NextEcpContextSize);
NTKERNELAPI VOID NTAPI FsRtlAcknowledgeEcp(_In_ PVOID EcpContext);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsEcpAcknowledged(_In_ PVOID EcpContext);
NTKERNELAPI BOOLEAN NTAPI FsRtlIsEcpFromUserMode(_In_ PVOID EcpContext);
NTKERNELAPI NTSTATUS NTAPI FsRtlChangeBackingFileObject(_In_opt_ PFILE_OBJECT CurrentFileObject, _In_ PFILE_OBJECT NewFileObject,
    _In_ int ChangeBackingType, _In_ ULONG Flags);
typedef struct _FSRTL_PER_STREAM_CONTEXT {
    LIST_ENTRY Links; PVOID OwnerId; PVOID InstanceId; VOID (NTAPI *FreeCallback)(_In_ PVOID Buf);
} FSRTL_PER_STREAM_CONTEXT, *PFSRTL_PER_STREAM_CONTEXT;
NTKERNELAPI NTSTATUS NTAPI FsRtlInsertPerStreamContext(_In_ PFSRTL_ADVANCED_FCB_HEADER PerStreamContext, _In_ PFSRTL_PER_STREAM_CONTEXT Ptr);
NTKERNELAPI PFSRTL_PER_STREAM_CONTEXT NTAPI FsRtlLookupPerStreamContextInternal(_In_ PFSRTL_ADVANCED_FCB_HEADER StreamContext,
    _In_opt_ PVOID OwnerId, _In_opt_ PVOID InstanceId);
NTKERNELAPI PFSRTL_PER_STREAM_CONTEXT NTAPI FsRtlRemovePerStreamContext(_In_ PFSRTL_ADVANCED_FCB_HEADER StreamContext,
    _In_opt_ PVOID OwnerId, _In_opt_ PVOID InstanceId);
NTKERNELAPI VOID NTAPI FsRtlTeardownPerStreamContexts(_In_ PFSRTL_ADVANCED_FCB_HEADER AdvancedHeader);
#define FsRtlGetPerStreamContextPointer(_fo) ((PFSRTL_ADVANCED_FCB_HEADER)((_fo)->FsContext))
#define FsRtlSupportsPerStreamContexts(_fo) ((NULL != FsRtlGetPerStreamContextPointer(_fo)) && \
    FlagOn(FsRtlGetPerStreamContextPointer(_fo)->Flags2, FSRTL_FLAG2_SUPPORTS_FILTER_CONTEXTS))
typedef struct _FSRTL_PER_FILEOBJECT_CONTEXT { LIST_ENTRY Links; PVOID OwnerId; PVOID InstanceId; } FSRTL_PER_FILEOBJECT_CONTEXT, *PFSRTL_PER_FILEOBJECT_CONTEXT;
NTKERNELAPI NTSTATUS NTAPI FsRtlInsertPerFileObjectContext(_In_ PFILE_OBJECT FileObject, _In_ PFSRTL_PER_FILEOBJECT_CONTEXT Ptr);
NTKERNELAPI PFSRTL_PER_FILEOBJECT_CONTEXT NTAPI FsRtlLookupPerFileObjectContext(_In_ PFILE_OBJECT FileObject,
    _In_opt_ PVOID OwnerId, _In_opt_ PVOID InstanceId);
NTKERNELAPI PFSRTL_PER_FILEOBJECT_CONTEXT NTAPI FsRtlRemovePerFileObjectContext(_In_ PFILE_OBJECT FileObject,
    _In_opt_ PVOID OwnerId, _In_opt_ PVOID InstanceId);
typedef struct _UNICODE_PREFIX_TABLE_ENTRY {
    CSHORT NodeTypeCode; CSHORT NameLength; struct _UNICODE_PREFIX_TABLE_ENTRY *NextPrefixTree;
    struct _UNICODE_PREFIX_TABLE_ENTRY *CaseMatch; RTL_SPLAY_LINKS Links; PUNICODE_STRING Prefix;
} UNICODE_PREFIX_TABLE_ENTRY, *PUNICODE_PREFIX_TABLE_ENTRY;
typedef struct _UNICODE_PREFIX_TABLE {
    CSHORT NodeTypeCode; CSHORT NameLength; PUNICODE_PREFIX_TABLE_ENTRY NextPrefixTree; PUNICODE_PREFIX_TABLE_ENTRY LastNextEntry;
} UNICODE_PREFIX_TABLE, *PUNICODE_PREFIX_TABLE;
NTSYSAPI VOID NTAPI RtlInitializeUnicodePrefix(_Out_ PUNICODE_PREFIX_TABLE PrefixTable);
NTSYSAPI BOOLEAN NTAPI RtlInsertUnicodePrefix(_In_ PUNICODE_PREFIX_TABLE PrefixTable, _In_ __drv_aliasesMem PUNICODE_STRING Prefix,
    _Out_ PUNICODE_PREFIX_TABLE_ENTRY PrefixTableEntry);
NTSYSAPI VOID NTAPI RtlRemoveUnicodePrefix(_In_ PUNICODE_PREFIX_TABLE PrefixTable, _In_ PUNICODE_PREFIX_TABLE_ENTRY PrefixTableEntry);
NTSYSAPI PUNICODE_PREFIX_TABLE_ENTRY NTAPI RtlFindUnicodePrefix(_In_ PUNICODE_PREFIX_TABLE PrefixTable,
    _In_ PCUNICODE_STRING FullName, _In_ ULONG CaseInsensitiveIndex);
NTSYSAPI PUNICODE_PREFIX_TABLE_ENTRY NTAPI RtlNextUnicodePrefix(_In_ PUNICODE_PREFIX_TABLE PrefixTable, _In_ BOOLEAN Restart);
typedef struct _GENERATE_NAME_CONTEXT {
    USHORT Checksum; BOOLEAN ChecksumInserted; UCHAR NameLength; WCHAR NameBuffer[8]; ULONG ExtensionLength;
    WCHAR ExtensionBuffer[4]; ULONG LastIndexValue;
} GENERATE_NAME_CONTEXT, *PGENERATE_NAME_CONTEXT;
NTSYSAPI NTSTATUS NTAPI RtlGenerate8dot3Name(_In_ PCUNICODE_STRING Name, _In_ BOOLEAN AllowExtendedCharacters,
    _Inout_ PGENERATE_NAME_CONTEXT Context, _Inout_ PUNICODE_STRING Name8dot3);
NTSYSAPI BOOLEAN NTAPI RtlIsNameLegalDOS8Dot3(_In_ PCUNICODE_STRING Name, _Inout_opt_ POEM_STRING OemName,
    _Out_opt_ PBOOLEAN NameContainsSpaces);
NTSYSAPI BOOLEAN NTAPI RtlIsValidOemCharacter(_Inout_ PWCHAR Char);
NTSYSAPI NTSTATUS NTAPI RtlOemStringToUnicodeString(_Inout_ PUNICODE_STRING DestinationString, _In_ PCOEM_STRING SourceString,
    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToOemString(_Inout_ POEM_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToOemString(_Inout_ POEM_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToCountedOemString(_Inout_ POEM_STRING DestinationString,
    _In_ PCUNICODE_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlOemStringToCountedUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
    _In_ PCOEM_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToCountedOemString(_Inout_ POEM_STRING DestinationString,
    _In_ PCUNICODE_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToAnsiString(_Inout_ PANSI_STRING DestinationString,
    _In_ PCUNICODE_STRING SourceString, _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI VOID NTAPI RtlFreeOemString(_Inout_ POEM_STRING OemString);
NTSYSAPI ULONG NTAPI RtlxOemStringToUnicodeSize(_In_ PCOEM_STRING OemString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToOemSize(_In_ PCUNICODE_STRING UnicodeString);
#define RtlOemStringToUnicodeSize(STRING) RtlxOemStringToUnicodeSize(STRING)
#define RtlUnicodeStringToOemSize(STRING) RtlxUnicodeStringToOemSize(STRING)
#define RtlOemStringToCountedUnicodeSize(STRING) ((ULONG)(RtlOemStringToUnicodeSize(STRING) - sizeof(UNICODE_NULL)))
#define RtlUnicodeStringToCountedOemSize(STRING) ((ULONG)(RtlUnicodeStringToOemSize(STRING) - sizeof(ANSI_NULL)))
NTSYSAPI NTSTATUS NTAPI RtlCompressBuffer(_In_ USHORT CompressionFormatAndEngine,
    _In_reads_bytes_(UncompressedBufferSize) PUCHAR UncompressedBuffer, _In_ ULONG UncompressedBufferSize,
    _Out_writes_bytes_to_(CompressedBufferSize, *FinalCompressedSize) PUCHAR CompressedBuffer, _In_ ULONG CompressedBufferSize,
    _In_ ULONG UncompressedChunkSize, _Out_ PULONG FinalCompressedSize, _In_ PVOID WorkSpace);
NTSYSAPI NTSTATUS NTAPI RtlDecompressBuffer(_In_ USHORT CompressionFormat,
    _Out_writes_bytes_to_(UncompressedBufferSize, *FinalUncompressedSize) PUCHAR UncompressedBuffer,
    _In_ ULONG UncompressedBufferSize, _In_reads_bytes_(CompressedBufferSize) PUCHAR CompressedBuffer,
    _In_ ULONG CompressedBufferSize, _Out_ PULONG FinalUncompressedSize);
NTSYSAPI NTSTATUS NTAPI RtlGetCompressionWorkSpaceSize(_In_ USHORT CompressionFormatAndEngine,
    _Out_ PULONG CompressBufferWorkSpaceSize, _Out_ PULONG CompressFragmentWorkSpaceSize);

NTKERNELAPI NTSTATUS NTAPI MmPrefetchPages(_In_ ULONG NumberOfLists, _In_reads_(NumberOfLists) PREAD_LIST *ReadLists);
/* ---------------------------------------------------------------- file system filter callbacks */
typedef union _FS_FILTER_PARAMETERS {
    struct { PLARGE_INTEGER EndingOffset; PERESOURCE *ResourceToRelease; } AcquireForModifiedPageWriter;
    struct { PERESOURCE ResourceToRelease; } ReleaseForModifiedPageWriter;
    struct { ULONG SyncType; ULONG PageProtection; PVOID OutputInformation; } AcquireForSectionSynchronization;
    struct { PVOID NotificationType; BOOLEAN SafeToRecurse; } NotifyStreamFileObject;
    struct { PIRP Irp; PVOID FileInformation; PULONG Length; FILE_INFORMATION_CLASS FileInformationClass; } QueryOpen;
    struct { PVOID Argument1; PVOID Argument2; PVOID Argument3; PVOID Argument4; PVOID Argument5; } Others;
} FS_FILTER_PARAMETERS, *PFS_FILTER_PARAMETERS;
#define FS_FILTER_ACQUIRE_FOR_SECTION_SYNCHRONIZATION (UCHAR)-1
#define FS_FILTER_RELEASE_FOR_SECTION_SYNCHRONIZATION (UCHAR)-2
#define FS_FILTER_ACQUIRE_FOR_MOD_WRITE (UCHAR)-3
#define FS_FILTER_RELEASE_FOR_MOD_WRITE (UCHAR)-4
#define FS_FILTER_ACQUIRE_FOR_CC_FLUSH (UCHAR)-5
#define FS_FILTER_RELEASE_FOR_CC_FLUSH (UCHAR)-6
#define FS_FILTER_QUERY_OPEN (UCHAR)-7
typedef struct _FS_FILTER_CALLBACK_DATA {
    ULONG SizeOfFsFilterCallbackData; UCHAR Operation; UCHAR Reserved; struct _DEVICE_OBJECT *DeviceObject;
    struct _FILE_OBJECT *FileObject; FS_FILTER_PARAMETERS Parameters;
} FS_FILTER_CALLBACK_DATA, *PFS_FILTER_CALLBACK_DATA;
typedef NTSTATUS (NTAPI *PFS_FILTER_CALLBACK)(_In_ PFS_FILTER_CALLBACK_DATA Data, _Out_ PVOID *CompletionContext);
typedef VOID (NTAPI *PFS_FILTER_COMPLETION_CALLBACK)(_In_ PFS_FILTER_CALLBACK_DATA Data, _In_ NTSTATUS OperationStatus,
    _In_ PVOID CompletionContext);
typedef struct _FS_FILTER_CALLBACKS {
    ULONG SizeOfFsFilterCallbacks; ULONG Reserved;
    PFS_FILTER_CALLBACK PreAcquireForSectionSynchronization; PFS_FILTER_COMPLETION_CALLBACK PostAcquireForSectionSynchronization;
    PFS_FILTER_CALLBACK PreReleaseForSectionSynchronization; PFS_FILTER_COMPLETION_CALLBACK PostReleaseForSectionSynchronization;
    PFS_FILTER_CALLBACK PreAcquireForCcFlush; PFS_FILTER_COMPLETION_CALLBACK PostAcquireForCcFlush;
    PFS_FILTER_CALLBACK PreReleaseForCcFlush; PFS_FILTER_COMPLETION_CALLBACK PostReleaseForCcFlush;
    PFS_FILTER_CALLBACK PreAcquireForModifiedPageWriter; PFS_FILTER_COMPLETION_CALLBACK PostAcquireForModifiedPageWriter;
    PFS_FILTER_CALLBACK PreReleaseForModifiedPageWriter; PFS_FILTER_COMPLETION_CALLBACK PostReleaseForModifiedPageWriter;
    PFS_FILTER_CALLBACK PreQueryOpen; PFS_FILTER_COMPLETION_CALLBACK PostQueryOpen;
} FS_FILTER_CALLBACKS, *PFS_FILTER_CALLBACKS;
NTKERNELAPI NTSTATUS NTAPI FsRtlRegisterFileSystemFilterCallbacks(_In_ struct _DRIVER_OBJECT *FilterDriverObject,
    _In_ PFS_FILTER_CALLBACKS Callbacks);

/* ---------------------------------------------------------------- cache manager */
typedef struct _CC_FILE_SIZES { LARGE_INTEGER AllocationSize; LARGE_INTEGER FileSize; LARGE_INTEGER ValidDataLength; } CC_FILE_SIZES, *PCC_FILE_SIZES;
typedef BOOLEAN (NTAPI *PACQUIRE_FOR_LAZY_WRITE)(_In_ PVOID Context, _In_ BOOLEAN Wait);
typedef VOID (NTAPI *PRELEASE_FROM_LAZY_WRITE)(_In_ PVOID Context);
typedef BOOLEAN (NTAPI *PACQUIRE_FOR_READ_AHEAD)(_In_ PVOID Context, _In_ BOOLEAN Wait);
typedef VOID (NTAPI *PRELEASE_FROM_READ_AHEAD)(_In_ PVOID Context);
typedef BOOLEAN (NTAPI *PACQUIRE_FOR_LAZY_WRITE_EX)(_In_ PVOID Context, _In_ ULONG Flags);
typedef struct _CACHE_MANAGER_CALLBACKS {
    PACQUIRE_FOR_LAZY_WRITE AcquireForLazyWrite; PRELEASE_FROM_LAZY_WRITE ReleaseFromLazyWrite;
    PACQUIRE_FOR_READ_AHEAD AcquireForReadAhead; PRELEASE_FROM_READ_AHEAD ReleaseFromReadAhead;
} CACHE_MANAGER_CALLBACKS, *PCACHE_MANAGER_CALLBACKS;
typedef struct _CACHE_UNINITIALIZE_EVENT { struct _CACHE_UNINITIALIZE_EVENT *Next; KEVENT Event; } CACHE_UNINITIALIZE_EVENT, *PCACHE_UNINITIALIZE_EVENT;
typedef struct _PUBLIC_BCB { CSHORT NodeTypeCode; CSHORT NodeByteSize; ULONG MappedLength; LARGE_INTEGER MappedFileOffset; } PUBLIC_BCB, *PPUBLIC_BCB;
typedef VOID (NTAPI *PDIRTY_PAGE_ROUTINE)(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ PLARGE_INTEGER OldestLsn, _In_ PLARGE_INTEGER NewestLsn, _In_ PVOID Context1, _In_ PVOID Context2);
typedef VOID (NTAPI *PFLUSH_TO_LSN)(_In_ PVOID LogHandle, _In_ LARGE_INTEGER Lsn);
typedef VOID (NTAPI *PCC_POST_DEFERRED_WRITE)(_In_ PVOID Context1, _In_ PVOID Context2);
#define PIN_WAIT (1)
#define PIN_EXCLUSIVE (2)
#define PIN_NO_READ (4)
#define PIN_IF_BCB (8)
#define PIN_CALLER_TRACKS_DIRTY_DATA (32)
#define PIN_HIGH_PRIORITY (64)
#define PIN_VERIFY_REQUIRED (128)
#define MAP_WAIT (1)
#define MAP_NO_READ (16)
#define MAP_HIGH_PRIORITY (64)
#define CC_FLUSH_AND_PURGE_NO_PURGE 0x1
#define CC_FLUSH_AND_PURGE_GATHER_DIRTY_BITS 0x2
#define CC_FLUSH_AND_PURGE_WRITEABLE_VIEWS_NOTSEEN 0x4
#define UNINITIALIZE_CACHE_MAPS 0x1
#define DO_NOT_RETRY_PURGE 0x2
#define DO_NOT_PURGE_DIRTY_PAGES 0x4
#define CcIsFileCached(FO) (((FO)->SectionObjectPointer != NULL) && \
    (((PSECTION_OBJECT_POINTERS)(FO)->SectionObjectPointer)->SharedCacheMap != NULL))
#define CcGetFileSizePointer(FO) (((PLARGE_INTEGER)((FO)->SectionObjectPointer->SharedCacheMap) + 1))
#define CcReadAhead(FO, FOFF, LEN) { if ((LEN) >= 256) { CcScheduleReadAhead((FO), (FOFF), (LEN)); } }
#define CcCopyWriteWontFlush(FO, FOFF, LEN) ((LEN) <= 0x10000)
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI VOID NTAPI CcInitializeCacheMap(_In_ PFILE_OBJECT FileObject,
    _In_ PCC_FILE_SIZES FileSizes, _In_ BOOLEAN PinAccess, _In_ PCACHE_MANAGER_CALLBACKS Callbacks, _In_ PVOID LazyWriteContext);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI BOOLEAN NTAPI CcUninitializeCacheMap(_In_ PFILE_OBJECT FileObject,
    _In_opt_ PLARGE_INTEGER TruncateSize, _In_opt_ PCACHE_UNINITIALIZE_EVENT UninitializeCompleteEvent);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI VOID NTAPI CcSetFileSizes(_In_ PFILE_OBJECT FileObject, _In_ PCC_FILE_SIZES FileSizes);
_IRQL_requires_max_(PASSIVE_LEVEL) NTKERNELAPI NTSTATUS NTAPI CcSetFileSizesEx(_In_ PFILE_OBJECT FileObject, _In_ PCC_FILE_SIZES FileSizes);
NTKERNELAPI BOOLEAN NTAPI CcCopyRead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ BOOLEAN Wait, _Out_writes_bytes_(Length) PVOID Buffer, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI BOOLEAN NTAPI CcCopyWrite(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ BOOLEAN Wait, _In_reads_bytes_(Length) PVOID Buffer);
NTKERNELAPI VOID NTAPI CcFastCopyRead(_In_ PFILE_OBJECT FileObject, _In_ ULONG FileOffset, _In_ ULONG Length, _In_ ULONG PageCount,
    _Out_writes_bytes_(Length) PVOID Buffer, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI VOID NTAPI CcFastCopyWrite(_In_ PFILE_OBJECT FileObject, _In_ ULONG FileOffset, _In_ ULONG Length,
    _In_reads_bytes_(Length) PVOID Buffer);
NTKERNELAPI BOOLEAN NTAPI CcCopyReadEx(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ BOOLEAN Wait, _Out_writes_bytes_(Length) PVOID Buffer, _Out_ PIO_STATUS_BLOCK IoStatus, _In_opt_ PETHREAD IoIssuerThread);
NTKERNELAPI BOOLEAN NTAPI CcCopyWriteEx(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ BOOLEAN Wait, _In_reads_bytes_(Length) PVOID Buffer, _In_opt_ PETHREAD IoIssuerThread);
NTKERNELAPI VOID NTAPI CcFlushCache(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer, _In_opt_ PLARGE_INTEGER FileOffset,
    _In_ ULONG Length, _Out_opt_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI BOOLEAN NTAPI CcPurgeCacheSection(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer, _In_opt_ PLARGE_INTEGER FileOffset,
    _In_ ULONG Length, _In_ ULONG Flags);
NTKERNELAPI VOID NTAPI CcCoherencyFlushAndPurgeCache(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer,
    _In_opt_ PLARGE_INTEGER FileOffset, _In_ ULONG Length, _Out_ PIO_STATUS_BLOCK IoStatus, _In_opt_ ULONG Flags);
NTKERNELAPI VOID NTAPI CcMdlRead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _Out_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI VOID NTAPI CcMdlReadComplete(_In_ PFILE_OBJECT FileObject, _In_ PMDL MdlChain);
NTKERNELAPI VOID NTAPI CcPrepareMdlWrite(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _Out_ PMDL *MdlChain, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI VOID NTAPI CcMdlWriteComplete(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ PMDL MdlChain);
NTKERNELAPI VOID NTAPI CcMdlWriteAbort(_In_ PFILE_OBJECT FileObject, _In_ PMDL MdlChain);
NTKERNELAPI BOOLEAN NTAPI CcCanIWrite(_In_opt_ PFILE_OBJECT FileObject, _In_ ULONG BytesToWrite, _In_ BOOLEAN Wait, _In_ UCHAR Retrying);
NTKERNELAPI VOID NTAPI CcDeferWrite(_In_ PFILE_OBJECT FileObject, _In_ PCC_POST_DEFERRED_WRITE PostRoutine, _In_ PVOID Context1,
    _In_ PVOID Context2, _In_ ULONG BytesToWrite, _In_ BOOLEAN Retrying);
NTKERNELAPI BOOLEAN NTAPI CcZeroData(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER StartOffset, _In_ PLARGE_INTEGER EndOffset,
    _In_ BOOLEAN Wait);
NTKERNELAPI VOID NTAPI CcSetReadAheadGranularity(_In_ PFILE_OBJECT FileObject, _In_ ULONG Granularity);
NTKERNELAPI VOID NTAPI CcScheduleReadAhead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length);
NTKERNELAPI BOOLEAN NTAPI CcPinRead(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length, _In_ ULONG Flags,
    _Outptr_ PVOID *Bcb, _Outptr_result_bytebuffer_(Length) PVOID *Buffer);
NTKERNELAPI BOOLEAN NTAPI CcMapData(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length, _In_ ULONG Flags,
    _Outptr_ PVOID *Bcb, _Outptr_result_bytebuffer_(Length) PVOID *Buffer);
NTKERNELAPI BOOLEAN NTAPI CcPinMappedData(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ ULONG Flags, _Inout_ PVOID *Bcb);
NTKERNELAPI BOOLEAN NTAPI CcPreparePinWrite(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER FileOffset, _In_ ULONG Length,
    _In_ BOOLEAN Zero, _In_ ULONG Flags, _Outptr_ PVOID *Bcb, _Outptr_result_bytebuffer_(Length) PVOID *Buffer);
NTKERNELAPI VOID NTAPI CcSetDirtyPinnedData(_In_ PVOID BcbVoid, _In_opt_ PLARGE_INTEGER Lsn);
NTKERNELAPI VOID NTAPI CcUnpinData(_In_ PVOID Bcb);
NTKERNELAPI VOID NTAPI CcUnpinDataForThread(_In_ PVOID Bcb, _In_ ERESOURCE_THREAD ResourceThreadId);
NTKERNELAPI VOID NTAPI CcRepinBcb(_In_ PVOID Bcb);
NTKERNELAPI VOID NTAPI CcUnpinRepinnedBcb(_In_ PVOID Bcb, _In_ BOOLEAN WriteThrough, _Out_ PIO_STATUS_BLOCK IoStatus);
NTKERNELAPI VOID NTAPI CcSetBcbOwnerPointer(_In_ PVOID Bcb, _In_ PVOID OwnerPointer);
NTKERNELAPI PFILE_OBJECT NTAPI CcGetFileObjectFromSectionPtrs(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer);
NTKERNELAPI PFILE_OBJECT NTAPI CcGetFileObjectFromBcb(_In_ PVOID Bcb);
NTKERNELAPI BOOLEAN NTAPI CcIsThereDirtyData(_In_ PVPB Vpb);
NTKERNELAPI BOOLEAN NTAPI CcIsThereDirtyDataEx(_In_ PVPB Vpb, _In_opt_ PULONG NumberOfDirtyPages);
NTKERNELAPI VOID NTAPI CcSetAdditionalCacheAttributes(_In_ PFILE_OBJECT FileObject, _In_ BOOLEAN DisableReadAhead,
    _In_ BOOLEAN DisableWriteBehind);
NTKERNELAPI VOID NTAPI CcSetLogHandleForFile(_In_ PFILE_OBJECT FileObject, _In_ PVOID LogHandle, _In_ PFLUSH_TO_LSN FlushToLsnRoutine);
NTKERNELAPI LARGE_INTEGER NTAPI CcGetDirtyPages(_In_ PVOID LogHandle, _In_ PDIRTY_PAGE_ROUTINE DirtyPageRoutine,
    _In_ PVOID Context1, _In_ PVOID Context2);
NTKERNELAPI NTSTATUS NTAPI CcWaitForCurrentLazyWriterActivity(VOID);
NTKERNELAPI LARGE_INTEGER NTAPI CcGetFlushedValidData(_In_ PSECTION_OBJECT_POINTERS SectionObjectPointer, _In_ BOOLEAN BcbListHeld);
NTKERNELAPI VOID NTAPI CcSetDirtyPageThreshold(_In_ PFILE_OBJECT FileObject, _In_ ULONG DirtyPageThreshold);
extern ULONG CcFastMdlReadWait;
extern ULONG CcFastReadNotPossible;
extern ULONG CcFastReadWait;
extern ULONG CcFastReadNoWait;
extern ULONG CcFastReadResourceMiss;

/* ---------------------------------------------------------------- I/O manager: file system side */
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI PIRP NTAPI IoGetTopLevelIrp(VOID);
_IRQL_requires_max_(APC_LEVEL) NTKERNELAPI VOID NTAPI IoSetTopLevelIrp(_In_opt_ PIRP Irp);
NTKERNELAPI VOID NTAPI IoRaiseHardError(_In_ PIRP Irp, _In_opt_ PVPB Vpb, _In_ PDEVICE_OBJECT RealDeviceObject);
NTKERNELAPI BOOLEAN NTAPI IoRaiseInformationalHardError(_In_ NTSTATUS ErrorStatus, _In_opt_ PUNICODE_STRING String,
    _In_opt_ PKTHREAD Thread);
NTKERNELAPI VOID NTAPI IoSetHardErrorOrVerifyDevice(_In_ PIRP Irp, _In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetDeviceToVerify(_In_ PETHREAD Thread);
NTKERNELAPI VOID NTAPI IoSetDeviceToVerify(_In_ PETHREAD Thread, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoVerifyVolume(_In_ PDEVICE_OBJECT DeviceObject, _In_ BOOLEAN AllowRawMount);
NTKERNELAPI PFILE_OBJECT NTAPI IoCreateStreamFileObject(_In_opt_ PFILE_OBJECT FileObject, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PFILE_OBJECT NTAPI IoCreateStreamFileObjectLite(_In_opt_ PFILE_OBJECT FileObject, _In_opt_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PFILE_OBJECT NTAPI IoCreateStreamFileObjectEx(_In_opt_ PFILE_OBJECT FileObject, _In_opt_ PDEVICE_OBJECT DeviceObject,
    _Out_opt_ PHANDLE FileObjectHandle);
NTKERNELAPI NTSTATUS NTAPI IoPageRead(_In_ PFILE_OBJECT FileObject, _In_ PMDL MemoryDescriptorList, _In_ PLARGE_INTEGER StartingOffset,
    _In_ PKEVENT Event, _Out_ PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI NTSTATUS NTAPI IoSynchronousPageWrite(_In_ PFILE_OBJECT FileObject, _In_ PMDL MemoryDescriptorList,
    _In_ PLARGE_INTEGER StartingOffset, _In_ PKEVENT Event, _Out_ PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI NTSTATUS NTAPI IoCheckDesiredAccess(_Inout_ PACCESS_MASK DesiredAccess, _In_ ACCESS_MASK GrantedAccess);
NTKERNELAPI NTSTATUS NTAPI IoCheckEaBufferValidity(_In_ PFILE_FULL_EA_INFORMATION EaBuffer, _In_ ULONG EaLength,
    _Out_ PULONG ErrorOffset);
NTKERNELAPI NTSTATUS NTAPI IoCheckQuotaBufferValidity(_In_ PFILE_QUOTA_INFORMATION QuotaBuffer, _In_ ULONG QuotaLength,
    _Out_ PULONG ErrorOffset);
NTKERNELAPI NTSTATUS NTAPI IoQueryFileDosDeviceName(_In_ PFILE_OBJECT FileObject, _Out_ POBJECT_NAME_INFORMATION *ObjectNameInformation);
NTKERNELAPI NTSTATUS NTAPI IoQueryFileInformation(_In_ PFILE_OBJECT FileObject, _In_ FILE_INFORMATION_CLASS FileInformationClass,
    _In_ ULONG Length, _Out_ PVOID FileInformation, _Out_ PULONG ReturnedLength);
NTKERNELAPI NTSTATUS NTAPI IoQueryVolumeInformation(_In_ PFILE_OBJECT FileObject, _In_ FS_INFORMATION_CLASS FsInformationClass,
    _In_ ULONG Length, _Out_ PVOID FsInformation, _Out_ PULONG ReturnedLength);
NTKERNELAPI NTSTATUS NTAPI IoSetInformation(_In_ PFILE_OBJECT FileObject, _In_ FILE_INFORMATION_CLASS FileInformationClass,
    _In_ ULONG Length, _In_ PVOID FileInformation);
NTKERNELAPI VOID NTAPI IoRegisterFileSystem(_In_ __drv_aliasesMem PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoUnregisterFileSystem(_In_ PDEVICE_OBJECT DeviceObject);
typedef VOID (NTAPI *PDRIVER_FS_NOTIFICATION)(_In_ PDEVICE_OBJECT DeviceObject, _In_ BOOLEAN FsActive);
NTKERNELAPI NTSTATUS NTAPI IoRegisterFsRegistrationChange(_In_ PDRIVER_OBJECT DriverObject, _In_ PDRIVER_FS_NOTIFICATION DriverNotificationRoutine);
NTKERNELAPI VOID NTAPI IoUnregisterFsRegistrationChange(_In_ PDRIVER_OBJECT DriverObject, _In_ PDRIVER_FS_NOTIFICATION DriverNotificationRoutine);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetBaseFileSystemDeviceObject(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI IoGetDiskDeviceObject(_In_ PDEVICE_OBJECT FileSystemDeviceObject, _Out_ PDEVICE_OBJECT *DiskDeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoEnumerateDeviceObjectList(_In_ PDRIVER_OBJECT DriverObject,
    _Out_writes_bytes_to_opt_(DeviceObjectListSize, (*ActualNumberDeviceObjects) * sizeof(PDEVICE_OBJECT)) PDEVICE_OBJECT *DeviceObjectList,
    _In_ ULONG DeviceObjectListSize, _Out_ PULONG ActualNumberDeviceObjects);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetDeviceAttachmentBaseRef(_In_ PDEVICE_OBJECT DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoGetRequestorSessionId(_In_ PIRP Irp, _Out_ PULONG pSessionId);
NTKERNELAPI PVOID NTAPI IoGetOplockKeyContext(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI PVOID NTAPI IoGetOplockKeyContextEx(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI IoReplaceFileObjectName(_In_ PFILE_OBJECT FileObject, _In_reads_bytes_(FileNameLength) PWSTR NewFileName,
    _In_ USHORT FileNameLength);
NTKERNELAPI VOID NTAPI IoAcquireVpbSpinLock(_Out_ PKIRQL Irql);
NTKERNELAPI VOID NTAPI IoReleaseVpbSpinLock(_In_ KIRQL Irql);
NTKERNELAPI NTSTATUS NTAPI IoCheckQuerySetFileInformation(_In_ FILE_INFORMATION_CLASS FileInformationClass, _In_ ULONG Length,
    _In_ BOOLEAN SetOperation);
NTKERNELAPI NTSTATUS NTAPI IoCheckQuerySetVolumeInformation(_In_ FS_INFORMATION_CLASS FsInformationClass, _In_ ULONG Length,
    _In_ BOOLEAN SetOperation);
NTKERNELAPI BOOLEAN NTAPI IoFastQueryNetworkAttributes(_In_ POBJECT_ATTRIBUTES ObjectAttributes, _In_ ACCESS_MASK DesiredAccess,
    _In_ ULONG OpenOptions, _Out_ PIO_STATUS_BLOCK IoStatus, _Out_ PFILE_NETWORK_OPEN_INFORMATION Buffer);
NTKERNELAPI VOID NTAPI IoCancelFileOpen(_In_ PDEVICE_OBJECT DeviceObject, _In_ PFILE_OBJECT FileObject);
#define IoIsFileOpenedExclusively(FileObject) ((BOOLEAN)!((FileObject)->SharedRead || (FileObject)->SharedWrite || (FileObject)->SharedDelete))
NTKERNELAPI NTSTATUS NTAPI IoIsValidNameGraftingBuffer(_In_ PIRP Irp, _In_ PREPARSE_DATA_BUFFER ReparseBuffer);

/* ---------------------------------------------------------------- Zw/Nt services used by file systems */
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryDirectoryFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _Out_writes_bytes_(Length) PVOID FileInformation, _In_ ULONG Length, _In_ FILE_INFORMATION_CLASS FileInformationClass,
    _In_ BOOLEAN ReturnSingleEntry, _In_opt_ PUNICODE_STRING FileName, _In_ BOOLEAN RestartScan);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryDirectoryFileEx(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _Out_writes_bytes_(Length) PVOID FileInformation, _In_ ULONG Length, _In_ FILE_INFORMATION_CLASS FileInformationClass,
    _In_ ULONG QueryFlags, _In_opt_ PUNICODE_STRING FileName);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryVolumeInformationFile(_In_ HANDLE FileHandle,
    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _Out_writes_bytes_(Length) PVOID FsInformation, _In_ ULONG Length,
    _In_ FS_INFORMATION_CLASS FsInformationClass);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwSetVolumeInformationFile(_In_ HANDLE FileHandle,
    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_reads_bytes_(Length) PVOID FsInformation, _In_ ULONG Length,
    _In_ FS_INFORMATION_CLASS FsInformationClass);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwFsControlFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _In_ ULONG FsControlCode, _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer, _In_ ULONG InputBufferLength,
    _Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer, _In_ ULONG OutputBufferLength);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryEaFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Length, _In_ BOOLEAN ReturnSingleEntry,
    _In_reads_bytes_opt_(EaListLength) PVOID EaList, _In_ ULONG EaListLength, _In_opt_ PULONG EaIndex, _In_ BOOLEAN RestartScan);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwSetEaFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Length);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwLockFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _In_ PLARGE_INTEGER ByteOffset, _In_ PLARGE_INTEGER Length, _In_ ULONG Key, _In_ BOOLEAN FailImmediately,
    _In_ BOOLEAN ExclusiveLock);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwUnlockFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _In_ PLARGE_INTEGER ByteOffset, _In_ PLARGE_INTEGER Length, _In_ ULONG Key);
typedef enum _OBJECT_INFORMATION_CLASS { ObjectBasicInformation = 0, ObjectNameInformation = 1, ObjectTypeInformation = 2 } OBJECT_INFORMATION_CLASS;
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryObject(_In_opt_ HANDLE Handle,
    _In_ OBJECT_INFORMATION_CLASS ObjectInformationClass, _Out_writes_bytes_opt_(ObjectInformationLength) PVOID ObjectInformation,
    _In_ ULONG ObjectInformationLength, _Out_opt_ PULONG ReturnLength);
#define DUPLICATE_CLOSE_SOURCE 0x00000001
#define DUPLICATE_SAME_ACCESS 0x00000002
#define DUPLICATE_SAME_ATTRIBUTES 0x00000004
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwDuplicateObject(_In_ HANDLE SourceProcessHandle,
    _In_ HANDLE SourceHandle, _In_opt_ HANDLE TargetProcessHandle, _Out_opt_ PHANDLE TargetHandle,
    _In_ ACCESS_MASK DesiredAccess, _In_ ULONG HandleAttributes, _In_ ULONG Options);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwAllocateVirtualMemory(_In_ HANDLE ProcessHandle,
    _Inout_ PVOID *BaseAddress, _In_ ULONG_PTR ZeroBits, _Inout_ PSIZE_T RegionSize, _In_ ULONG AllocationType, _In_ ULONG Protect);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwFreeVirtualMemory(_In_ HANDLE ProcessHandle, _Inout_ PVOID *BaseAddress,
    _Inout_ PSIZE_T RegionSize, _In_ ULONG FreeType);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQuerySecurityObject(_In_ HANDLE Handle,
    _In_ SECURITY_INFORMATION SecurityInformation, _Out_writes_bytes_opt_(Length) PSECURITY_DESCRIPTOR SecurityDescriptor,
    _In_ ULONG Length, _Out_ PULONG LengthNeeded);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwSetSecurityObject(_In_ HANDLE Handle,
    _In_ SECURITY_INFORMATION SecurityInformation, _In_ PSECURITY_DESCRIPTOR SecurityDescriptor);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwOpenProcessToken(_In_ HANDLE ProcessHandle, _In_ ACCESS_MASK DesiredAccess,
    _Out_ PHANDLE TokenHandle);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwOpenProcessTokenEx(_In_ HANDLE ProcessHandle,
    _In_ ACCESS_MASK DesiredAccess, _In_ ULONG HandleAttributes, _Out_ PHANDLE TokenHandle);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwOpenThreadToken(_In_ HANDLE ThreadHandle, _In_ ACCESS_MASK DesiredAccess,
    _In_ BOOLEAN OpenAsSelf, _Out_ PHANDLE TokenHandle);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwOpenThreadTokenEx(_In_ HANDLE ThreadHandle,
    _In_ ACCESS_MASK DesiredAccess, _In_ BOOLEAN OpenAsSelf, _In_ ULONG HandleAttributes, _Out_ PHANDLE TokenHandle);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryInformationToken(_In_ HANDLE TokenHandle,
    _In_ TOKEN_INFORMATION_CLASS TokenInformationClass, _Out_writes_bytes_to_opt_(Length, *ResultLength) PVOID TokenInformation,
    _In_ ULONG Length, _Out_ PULONG ResultLength);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwAdjustPrivilegesToken(_In_ HANDLE TokenHandle,
    _In_ BOOLEAN DisableAllPrivileges, _In_opt_ PTOKEN_PRIVILEGES NewState, _In_ ULONG BufferLength,
    _Out_writes_bytes_to_opt_(BufferLength, *ReturnLength) PTOKEN_PRIVILEGES PreviousState, _Out_opt_ PULONG ReturnLength);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwQueryQuotaInformationFile(_In_ HANDLE FileHandle,
    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Length,
    _In_ BOOLEAN ReturnSingleEntry, _In_reads_bytes_opt_(SidListLength) PVOID SidList, _In_ ULONG SidListLength,
    _In_opt_ PSID StartSid, _In_ BOOLEAN RestartScan);
_IRQL_requires_max_(PASSIVE_LEVEL) NTSYSAPI NTSTATUS NTAPI ZwSetQuotaInformationFile(_In_ HANDLE FileHandle,
    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Length);
NTSYSCALLAPI NTSTATUS NTAPI NtClose(_In_ HANDLE Handle);
NTSYSCALLAPI NTSTATUS NTAPI NtCreateFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
    _In_ POBJECT_ATTRIBUTES ObjectAttributes, _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_opt_ PLARGE_INTEGER AllocationSize,
    _In_ ULONG FileAttributes, _In_ ULONG ShareAccess, _In_ ULONG CreateDisposition, _In_ ULONG CreateOptions,
    _In_reads_bytes_opt_(EaLength) PVOID EaBuffer, _In_ ULONG EaLength);
NTSYSCALLAPI NTSTATUS NTAPI NtQueryInformationFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _Out_writes_bytes_(Length) PVOID FileInformation, _In_ ULONG Length, _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSCALLAPI NTSTATUS NTAPI NtSetInformationFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
    _In_reads_bytes_(Length) PVOID FileInformation, _In_ ULONG Length, _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSCALLAPI NTSTATUS NTAPI NtFsControlFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event, _In_opt_ PIO_APC_ROUTINE ApcRoutine,
    _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG FsControlCode,
    _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer, _In_ ULONG InputBufferLength,
    _Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer, _In_ ULONG OutputBufferLength);
NTSYSCALLAPI NTSTATUS NTAPI NtQueryInformationToken(_In_ HANDLE TokenHandle, _In_ TOKEN_INFORMATION_CLASS TokenInformationClass,
    _Out_writes_bytes_to_opt_(Length, *ReturnLength) PVOID TokenInformation, _In_ ULONG Length, _Out_ PULONG ReturnLength);
NTSYSCALLAPI NTSTATUS NTAPI NtOpenProcessToken(_In_ HANDLE ProcessHandle, _In_ ACCESS_MASK DesiredAccess, _Out_ PHANDLE TokenHandle);
NTSYSCALLAPI NTSTATUS NTAPI NtQuerySecurityObject(_In_ HANDLE Handle, _In_ SECURITY_INFORMATION SecurityInformation,
    _Out_writes_bytes_opt_(Length) PSECURITY_DESCRIPTOR SecurityDescriptor, _In_ ULONG Length, _Out_ PULONG LengthNeeded);

NTKERNELAPI BOOLEAN NTAPI FsRtlAreThereWaitingFileLocks(_In_ PFILE_LOCK FileLock);
NTKERNELAPI VOID NTAPI FsRtlDismountComplete(_In_ PDEVICE_OBJECT DeviceObject, _In_ NTSTATUS DismountStatus);
NTKERNELAPI BOOLEAN NTAPI FsRtlCurrentOplockH(_In_ POPLOCK Oplock);
NTKERNELAPI BOOLEAN NTAPI FsRtlAreVolumeStartupApplicationsComplete(VOID);
NTKERNELAPI NTSTATUS NTAPI FsRtlVolumeDeviceToCorrelationId(_In_ PDEVICE_OBJECT VolumeDeviceObject, _Out_ GUID *Guid);
NTKERNELAPI ULONG NTAPI FsRtlNumberOfRunsInMcb(_In_ PMCB Mcb);
NTKERNELAPI VOID NTAPI FsRtlUpdateDiskCounters(_In_ ULONG64 BytesRead, _In_ ULONG64 BytesWritten);
NTKERNELAPI BOOLEAN NTAPI PsIsDiskCountersEnabled(VOID);
NTKERNELAPI NTSTATUS NTAPI FsRtlAcquireFileForCcFlushEx(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI VOID NTAPI FsRtlAcquireFileForCcFlush(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI VOID NTAPI FsRtlReleaseFileForCcFlush(_In_ PFILE_OBJECT FileObject);
NTKERNELAPI NTSTATUS NTAPI FsRtlAcquireFileForModWriteEx(_In_ PFILE_OBJECT FileObject, _In_ PLARGE_INTEGER EndingOffset,
    _Outptr_result_maybenull_ PERESOURCE *ResourceToRelease);
NTKERNELAPI VOID NTAPI FsRtlReleaseFileForModWrite(_In_ PFILE_OBJECT FileObject, _In_ PERESOURCE ResourceToRelease);
typedef VOID (NTAPI *PFSRTL_EXTRA_CREATE_PARAMETER_CLEANUP_CALLBACK)(_Inout_ PVOID EcpContext, _In_ LPCGUID EcpType);
NTKERNELAPI NTSTATUS NTAPI FsRtlAllocateExtraCreateParameterList(_In_ ULONG Flags, _Outptr_ PECP_LIST *EcpList);
NTKERNELAPI VOID NTAPI FsRtlFreeExtraCreateParameterList(_In_ PECP_LIST EcpList);
NTKERNELAPI NTSTATUS NTAPI FsRtlAllocateExtraCreateParameter(_In_ LPCGUID EcpType, _In_ ULONG SizeOfContext, _In_ ULONG Flags,
    _In_opt_ PFSRTL_EXTRA_CREATE_PARAMETER_CLEANUP_CALLBACK CleanupCallback, _In_ ULONG PoolTag, _Outptr_ PVOID *EcpContext);
NTKERNELAPI VOID NTAPI FsRtlFreeExtraCreateParameter(_In_ PVOID EcpContext);
NTKERNELAPI NTSTATUS NTAPI FsRtlInsertExtraCreateParameter(_Inout_ PECP_LIST EcpList, _Inout_ PVOID EcpContext);
NTKERNELAPI NTSTATUS NTAPI FsRtlRemoveExtraCreateParameter(_Inout_ PECP_LIST EcpList, _In_ LPCGUID EcpType,
    _Outptr_ PVOID *EcpContext, _Out_opt_ ULONG *EcpContextSize);
NTKERNELAPI VOID NTAPI CcSetAdditionalCacheAttributesEx(_In_ PFILE_OBJECT FileObject, _In_ ULONG Flags);
NTSYSCALLAPI NTSTATUS NTAPI NtReadFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event, _In_opt_ PIO_APC_ROUTINE ApcRoutine,
    _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock, _Out_writes_bytes_(Length) PVOID Buffer, _In_ ULONG Length,
    _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSCALLAPI NTSTATUS NTAPI NtWriteFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event, _In_opt_ PIO_APC_ROUTINE ApcRoutine,
    _In_opt_ PVOID ApcContext, _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Length,
    _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSCALLAPI NTSTATUS NTAPI NtOpenFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess, _In_ POBJECT_ATTRIBUTES ObjectAttributes,
    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG ShareAccess, _In_ ULONG OpenOptions);

#define IOCTL_REDIR_QUERY_PATH CTL_CODE(FILE_DEVICE_NETWORK_FILE_SYSTEM, 99, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_REDIR_QUERY_PATH_EX CTL_CODE(FILE_DEVICE_NETWORK_FILE_SYSTEM, 100, METHOD_NEITHER, FILE_ANY_ACCESS)
typedef struct _QUERY_PATH_REQUEST { ULONG PathNameLength; PIO_SECURITY_CONTEXT SecurityContext; WCHAR FilePathName[1]; } QUERY_PATH_REQUEST, *PQUERY_PATH_REQUEST;
typedef struct _QUERY_PATH_REQUEST_EX {
    PIO_SECURITY_CONTEXT pSecurityContext; ULONG EaLength; PVOID pEaBuffer; UNICODE_STRING PathName; UNICODE_STRING DomainServiceName;
    ULONG_PTR Reserved[3];
} QUERY_PATH_REQUEST_EX, *PQUERY_PATH_REQUEST_EX;
typedef struct _QUERY_PATH_RESPONSE { ULONG LengthAccepted; } QUERY_PATH_RESPONSE, *PQUERY_PATH_RESPONSE;
#endif /* _NTIFS_ */
