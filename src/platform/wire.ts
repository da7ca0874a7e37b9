/**
 * Wire DTOs of the platform's REST surface (rest-api.md), one file per mode under wire/. Shared by the
 * client (platform/) and the emulator (emulator/); nothing else imports them: GraphQL types are built from
 * them only through mappers.
 */
export * from './wire/common';
export * from './wire/axb';
export * from './wire/ax';
export * from './wire/axe';
export * from './wire/axyb';
export * from './wire/call';
