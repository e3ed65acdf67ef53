import type { HookName } from '../model/hooks.js';
import { isMemberCall } from './decorator-call.js';
import type { StaticMethodDecorator } from './decorator-types.js';
import { memberRecord } from './record-decoration.js';

/**
 * A lifecycle hook decorator: bare, or with a name (for `removeHook`). On a static method the
 * method receives the hook's arguments, as `Model.addHook` would pass them; on an instance method
 * of an instance hook it is called on the instance with the options.
 */
export interface HookDecorator {
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
  (value: (...args: never[]) => unknown, context: ClassMethodDecoratorContext): void;
  (options: { name?: string }): StaticMethodDecorator;
}

function hookDecorator(hook: HookName, decorator: string): HookDecorator {
  const record = (args: readonly unknown[], name: string | undefined): void => {
    const { record: decorations, site } = memberRecord(decorator, args);
    decorations.hooks.push({ hook, method: site.name, fn: site.method, name, isStatic: site.isStatic });
  };
  return ((...args: unknown[]) => {
    if (isMemberCall(args)) return record(args, undefined);
    const name = (args[0] as { name?: string } | undefined)?.name;
    return ((...decoratorArgs: unknown[]) => record(decoratorArgs, name)) as StaticMethodDecorator;
  }) as HookDecorator;
}

/**
 * Runs the method as a `beforeValidate` hook.
 *
 * @example
 * @BeforeValidate static beforeValidateHook(...args: unknown[]) { void args }
 */
export const BeforeValidate: HookDecorator = hookDecorator('beforeValidate', '@BeforeValidate');

/**
 * Runs the method as a `afterValidate` hook.
 *
 * @example
 * @AfterValidate static afterValidateHook(...args: unknown[]) { void args }
 */
export const AfterValidate: HookDecorator = hookDecorator('afterValidate', '@AfterValidate');

/**
 * Runs the method as a `validationFailed` hook.
 *
 * @example
 * @ValidationFailed static validationFailedHook(...args: unknown[]) { void args }
 */
export const ValidationFailed: HookDecorator = hookDecorator('validationFailed', '@ValidationFailed');

/**
 * Runs the method as a `beforeCreate` hook.
 *
 * @example
 * @BeforeCreate static beforeCreateHook(...args: unknown[]) { void args }
 */
export const BeforeCreate: HookDecorator = hookDecorator('beforeCreate', '@BeforeCreate');

/**
 * Runs the method as a `afterCreate` hook.
 *
 * @example
 * @AfterCreate static afterCreateHook(...args: unknown[]) { void args }
 */
export const AfterCreate: HookDecorator = hookDecorator('afterCreate', '@AfterCreate');

/**
 * Runs the method as a `beforeDestroy` hook.
 *
 * @example
 * @BeforeDestroy static beforeDestroyHook(...args: unknown[]) { void args }
 */
export const BeforeDestroy: HookDecorator = hookDecorator('beforeDestroy', '@BeforeDestroy');

/**
 * Runs the method as a `afterDestroy` hook.
 *
 * @example
 * @AfterDestroy static afterDestroyHook(...args: unknown[]) { void args }
 */
export const AfterDestroy: HookDecorator = hookDecorator('afterDestroy', '@AfterDestroy');

/**
 * Runs the method as a `beforeRestore` hook.
 *
 * @example
 * @BeforeRestore static beforeRestoreHook(...args: unknown[]) { void args }
 */
export const BeforeRestore: HookDecorator = hookDecorator('beforeRestore', '@BeforeRestore');

/**
 * Runs the method as a `afterRestore` hook.
 *
 * @example
 * @AfterRestore static afterRestoreHook(...args: unknown[]) { void args }
 */
export const AfterRestore: HookDecorator = hookDecorator('afterRestore', '@AfterRestore');

/**
 * Runs the method as a `beforeUpdate` hook.
 *
 * @example
 * @BeforeUpdate static beforeUpdateHook(...args: unknown[]) { void args }
 */
export const BeforeUpdate: HookDecorator = hookDecorator('beforeUpdate', '@BeforeUpdate');

/**
 * Runs the method as a `afterUpdate` hook.
 *
 * @example
 * @AfterUpdate static afterUpdateHook(...args: unknown[]) { void args }
 */
export const AfterUpdate: HookDecorator = hookDecorator('afterUpdate', '@AfterUpdate');

/**
 * Runs the method as a `beforeSave` hook.
 *
 * @example
 * @BeforeSave static beforeSaveHook(...args: unknown[]) { void args }
 */
export const BeforeSave: HookDecorator = hookDecorator('beforeSave', '@BeforeSave');

/**
 * Runs the method as a `afterSave` hook.
 *
 * @example
 * @AfterSave static afterSaveHook(...args: unknown[]) { void args }
 */
export const AfterSave: HookDecorator = hookDecorator('afterSave', '@AfterSave');

/**
 * Runs the method as a `beforeUpsert` hook.
 *
 * @example
 * @BeforeUpsert static beforeUpsertHook(...args: unknown[]) { void args }
 */
export const BeforeUpsert: HookDecorator = hookDecorator('beforeUpsert', '@BeforeUpsert');

/**
 * Runs the method as a `afterUpsert` hook.
 *
 * @example
 * @AfterUpsert static afterUpsertHook(...args: unknown[]) { void args }
 */
export const AfterUpsert: HookDecorator = hookDecorator('afterUpsert', '@AfterUpsert');

/**
 * Runs the method as a `beforeBulkCreate` hook.
 *
 * @example
 * @BeforeBulkCreate static beforeBulkCreateHook(...args: unknown[]) { void args }
 */
export const BeforeBulkCreate: HookDecorator = hookDecorator('beforeBulkCreate', '@BeforeBulkCreate');

/**
 * Runs the method as a `afterBulkCreate` hook.
 *
 * @example
 * @AfterBulkCreate static afterBulkCreateHook(...args: unknown[]) { void args }
 */
export const AfterBulkCreate: HookDecorator = hookDecorator('afterBulkCreate', '@AfterBulkCreate');

/**
 * Runs the method as a `beforeBulkDestroy` hook.
 *
 * @example
 * @BeforeBulkDestroy static beforeBulkDestroyHook(...args: unknown[]) { void args }
 */
export const BeforeBulkDestroy: HookDecorator = hookDecorator('beforeBulkDestroy', '@BeforeBulkDestroy');

/**
 * Runs the method as a `afterBulkDestroy` hook.
 *
 * @example
 * @AfterBulkDestroy static afterBulkDestroyHook(...args: unknown[]) { void args }
 */
export const AfterBulkDestroy: HookDecorator = hookDecorator('afterBulkDestroy', '@AfterBulkDestroy');

/**
 * Runs the method as a `beforeBulkRestore` hook.
 *
 * @example
 * @BeforeBulkRestore static beforeBulkRestoreHook(...args: unknown[]) { void args }
 */
export const BeforeBulkRestore: HookDecorator = hookDecorator('beforeBulkRestore', '@BeforeBulkRestore');

/**
 * Runs the method as a `afterBulkRestore` hook.
 *
 * @example
 * @AfterBulkRestore static afterBulkRestoreHook(...args: unknown[]) { void args }
 */
export const AfterBulkRestore: HookDecorator = hookDecorator('afterBulkRestore', '@AfterBulkRestore');

/**
 * Runs the method as a `beforeBulkUpdate` hook.
 *
 * @example
 * @BeforeBulkUpdate static beforeBulkUpdateHook(...args: unknown[]) { void args }
 */
export const BeforeBulkUpdate: HookDecorator = hookDecorator('beforeBulkUpdate', '@BeforeBulkUpdate');

/**
 * Runs the method as a `afterBulkUpdate` hook.
 *
 * @example
 * @AfterBulkUpdate static afterBulkUpdateHook(...args: unknown[]) { void args }
 */
export const AfterBulkUpdate: HookDecorator = hookDecorator('afterBulkUpdate', '@AfterBulkUpdate');

/**
 * Runs the method as a `beforeFind` hook.
 *
 * @example
 * @BeforeFind static beforeFindHook(...args: unknown[]) { void args }
 */
export const BeforeFind: HookDecorator = hookDecorator('beforeFind', '@BeforeFind');

/**
 * Runs the method as a `afterFind` hook.
 *
 * @example
 * @AfterFind static afterFindHook(...args: unknown[]) { void args }
 */
export const AfterFind: HookDecorator = hookDecorator('afterFind', '@AfterFind');

/**
 * Runs the method as a `beforeCount` hook.
 *
 * @example
 * @BeforeCount static beforeCountHook(...args: unknown[]) { void args }
 */
export const BeforeCount: HookDecorator = hookDecorator('beforeCount', '@BeforeCount');

/**
 * Runs the method as a `beforeSync` hook.
 *
 * @example
 * @BeforeSync static beforeSyncHook(...args: unknown[]) { void args }
 */
export const BeforeSync: HookDecorator = hookDecorator('beforeSync', '@BeforeSync');

/**
 * Runs the method as a `afterSync` hook.
 *
 * @example
 * @AfterSync static afterSyncHook(...args: unknown[]) { void args }
 */
export const AfterSync: HookDecorator = hookDecorator('afterSync', '@AfterSync');

/**
 * Runs the method as a `beforeFindAfterExpandIncludeAll` hook.
 *
 * @example
 * @BeforeFindAfterExpandIncludeAll static beforeFindAfterExpandIncludeAllHook(...args: unknown[]) { void args }
 */
export const BeforeFindAfterExpandIncludeAll: HookDecorator = hookDecorator('beforeFindAfterExpandIncludeAll', '@BeforeFindAfterExpandIncludeAll');

/**
 * Runs the method as a `beforeFindAfterOptions` hook.
 *
 * @example
 * @BeforeFindAfterOptions static beforeFindAfterOptionsHook(...args: unknown[]) { void args }
 */
export const BeforeFindAfterOptions: HookDecorator = hookDecorator('beforeFindAfterOptions', '@BeforeFindAfterOptions');

/**
 * Runs the method as a `beforeBulkSync` hook.
 *
 * @example
 * @BeforeBulkSync static beforeBulkSyncHook(...args: unknown[]) { void args }
 */
export const BeforeBulkSync: HookDecorator = hookDecorator('beforeBulkSync', '@BeforeBulkSync');

/**
 * Runs the method as a `afterBulkSync` hook.
 *
 * @example
 * @AfterBulkSync static afterBulkSyncHook(...args: unknown[]) { void args }
 */
export const AfterBulkSync: HookDecorator = hookDecorator('afterBulkSync', '@AfterBulkSync');

/**
 * Runs the method as a `beforeDefine` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @BeforeDefine static beforeDefineHook(...args: unknown[]) { void args }
 */
export const BeforeDefine: HookDecorator = hookDecorator('beforeDefine', '@BeforeDefine');

/**
 * Runs the method as a `afterDefine` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @AfterDefine static afterDefineHook(...args: unknown[]) { void args }
 */
export const AfterDefine: HookDecorator = hookDecorator('afterDefine', '@AfterDefine');

/**
 * Runs the method as a `beforeInit` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @BeforeInit static beforeInitHook(...args: unknown[]) { void args }
 */
export const BeforeInit: HookDecorator = hookDecorator('beforeInit', '@BeforeInit');

/**
 * Runs the method as a `afterInit` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @AfterInit static afterInitHook(...args: unknown[]) { void args }
 */
export const AfterInit: HookDecorator = hookDecorator('afterInit', '@AfterInit');

/**
 * Runs the method as a `beforeConnect` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @BeforeConnect static beforeConnectHook(...args: unknown[]) { void args }
 */
export const BeforeConnect: HookDecorator = hookDecorator('beforeConnect', '@BeforeConnect');

/**
 * Runs the method as a `afterConnect` hook. A connection-level hook: on a model it is recorded and never runs, as in sequelize-typescript.
 *
 * @example
 * @AfterConnect static afterConnectHook(...args: unknown[]) { void args }
 */
export const AfterConnect: HookDecorator = hookDecorator('afterConnect', '@AfterConnect');
